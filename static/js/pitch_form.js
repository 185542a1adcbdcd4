// Keeps the pitch form's progress list in step with what is typed; the server draws it from
// what is saved, so the page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.pitch-form");
  const progress = document.querySelector("[data-live-progress]");
  if (!form || !progress) return;
  const removeDeck = form.querySelector("#remove_deck");

  const filled = (input) => {
    if (input.type === "checkbox") return input.checked;
    if (input.type === "file") {
      const kept = input.dataset.current === "1" && !(removeDeck && removeDeck.checked);
      return input.files.length > 0 || kept;
    }
    return input.value.trim() !== "";
  };

  const update = () => {
    let done = 0;
    progress.querySelectorAll("[data-section]").forEach((item) => {
      const fieldset = document.getElementById("section-" + item.dataset.section);
      const complete = Array.from(fieldset.querySelectorAll("[data-required]")).every(filled);
      item.classList.toggle("step-done", complete);
      item.classList.toggle("step-todo", !complete);
      item.querySelector("[data-state]").textContent =
        complete ? progress.dataset.complete : progress.dataset.todo;
      item.querySelector("[data-mark]").textContent = complete ? "✓" : "…";
      if (complete) done += 1;
    });
    progress.querySelector("progress").value = done;
    progress.querySelector("h2").textContent = progress.getAttribute("data-message-" + done);
  };

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
});
