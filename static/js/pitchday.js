// The pitch-day countdown: shown only when scripts run; the scorecard works without it.
// Its state is kept per scorecard page in sessionStorage, so the reload that follows a save
// (refused or not) continues the countdown instead of starting again at the full time.
(function () {
  "use strict";

  var KEY = "pitch-timer:" + window.location.pathname;

  function format(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function load() {
    try {
      return JSON.parse(window.sessionStorage.getItem(KEY));
    } catch (error) {
      return null;  // storage blocked or a value that is not ours: start afresh
    }
  }

  function save(state) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      // Without storage the timer still runs; it just restarts on reload.
    }
  }

  function attach(box) {
    var display = box.querySelector("[data-timer-display]");
    var minutes = box.querySelector("[data-timer-minutes]");
    var over = box.querySelector("[data-timer-over]");
    var left = 0;
    var endsAt = null;  // the instant (ms) the countdown reaches zero, while it runs
    var ticking = null;

    function remember() {
      save({minutes: minutes.value, left: left, endsAt: endsAt});
    }
    function show() {
      display.textContent = format(left);
      over.hidden = left > 0;
      box.classList.toggle("timer-ended", left === 0);
    }
    function reset() {
      stop();
      var value = parseInt(minutes.value, 10);
      left = (value > 0 ? value : Number(box.dataset.minutes)) * 60;
      show();
      remember();
    }
    function stop() {
      if (ticking !== null) {
        clearInterval(ticking);
        ticking = null;
      }
      if (endsAt !== null) {
        left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
        endsAt = null;
      }
    }
    function tick() {
      left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      show();
      if (left === 0) {
        stop();
        remember();
      }
    }
    function run() {
      if (ticking === null && left > 0) {
        if (endsAt === null) {
          endsAt = Date.now() + left * 1000;
        }
        ticking = setInterval(tick, 250);  // a quarter second: the display never lags a second
        remember();
      }
    }
    box.querySelector("[data-timer-start]").addEventListener("click", run);
    box.querySelector("[data-timer-pause]").addEventListener("click", function () {
      stop();
      show();
      remember();
    });
    box.querySelector("[data-timer-reset]").addEventListener("click", reset);
    minutes.addEventListener("change", reset);
    box.hidden = false;

    var kept = load();
    if (kept && typeof kept.left === "number") {
      minutes.value = kept.minutes;
      left = kept.left;
      endsAt = typeof kept.endsAt === "number" ? kept.endsAt : null;
      if (endsAt !== null) {
        left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
        if (left === 0) {
          endsAt = null;
        }
      }
      show();
      if (endsAt !== null) {
        ticking = setInterval(tick, 250);
      }
    } else {
      reset();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-timer]");
    for (var i = 0; i < boxes.length; i++) {
      attach(boxes[i]);
    }
  });
})();
