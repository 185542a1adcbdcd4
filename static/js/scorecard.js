// Live judge total (0–100, DESIGN.md) as the judge types; the server computes the same on save.
(function () {
  "use strict";

  function total(inputs) {
    var weights = 0;
    var sum = 0;
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var text = input.value.trim();
      var min = Number(input.dataset.min);
      var max = Number(input.dataset.max);
      var weight = Number(input.dataset.weight);
      if (!/^[0-9]+$/.test(text)) {
        return null;
      }
      var score = Number(text);
      if (score < min || score > max) {
        return null;
      }
      sum += weight * (score - min) / (max - min);
      weights += weight;
    }
    return weights > 0 ? 100 * sum / weights : null;
  }

  function attach(form) {
    var inputs = form.querySelectorAll("input[data-weight]");
    var output = form.querySelector("[data-total]");
    if (!output) {
      return;
    }
    function update() {
      var value = total(inputs);
      output.textContent = value === null ? "—" : value.toFixed(1);
    }
    form.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-scorecard]");
    for (var i = 0; i < forms.length; i++) {
      attach(forms[i]);
    }
  });
})();
