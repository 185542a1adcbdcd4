// The secretariat's live view of the pitch on stage: who has submitted, refreshed every 5 s.
(function () {
  "use strict";

  function badgeClass(status) {
    return status === "submitted" ? "badge badge-ok" : status === "draft" ? "badge badge-warn" : "badge";
  }

  function render(list, data) {
    list.textContent = "";
    data.judges.forEach(function (state) {
      var item = document.createElement("li");
      var badge = document.createElement("span");
      item.textContent = state.judge + " ";
      badge.className = badgeClass(state.status);
      badge.textContent = list.dataset["label" + state.status.charAt(0).toUpperCase() + state.status.slice(1)] || state.status;
      item.appendChild(badge);
      list.appendChild(item);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector("[data-live-url]");
    if (!list || !window.fetch) {
      return;
    }
    setInterval(function () {
      fetch(list.dataset.liveUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { render(list, data); } })
        .catch(function () { /* keep the last view; the next tick retries */ });
    }, 5000);
  });
})();
