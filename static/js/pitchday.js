// The pitch-day countdown: shown only when scripts run; the scorecard works without it.
(function () {
  "use strict";

  function format(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function attach(box) {
    var display = box.querySelector("[data-timer-display]");
    var minutes = box.querySelector("[data-timer-minutes]");
    var over = box.querySelector("[data-timer-over]");
    var left = 0;
    var ticking = null;

    function reset() {
      stop();
      var value = parseInt(minutes.value, 10);
      left = (value > 0 ? value : Number(box.dataset.minutes)) * 60;
      over.hidden = true;
      box.classList.remove("timer-ended");
      display.textContent = format(left);
    }
    function stop() {
      if (ticking !== null) {
        clearInterval(ticking);
        ticking = null;
      }
    }
    function tick() {
      left = Math.max(0, left - 1);
      display.textContent = format(left);
      if (left === 0) {
        stop();
        over.hidden = false;
        box.classList.add("timer-ended");
      }
    }
    box.querySelector("[data-timer-start]").addEventListener("click", function () {
      if (ticking === null && left > 0) {
        ticking = setInterval(tick, 1000);
      }
    });
    box.querySelector("[data-timer-pause]").addEventListener("click", stop);
    box.querySelector("[data-timer-reset]").addEventListener("click", reset);
    minutes.addEventListener("change", reset);
    box.hidden = false;
    reset();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-timer]");
    for (var i = 0; i < boxes.length; i++) {
      attach(boxes[i]);
    }
  });
})();
