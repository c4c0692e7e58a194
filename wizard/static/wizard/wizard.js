// Progressive enhancement for the wizard: everything works without this file.
(function () {
  "use strict";

  // After htmx swaps in a new step: move focus to its heading and keep the tab title in step.
  document.addEventListener("htmx:afterSettle", function (event) {
    var panel = document.getElementById("wizard-panel");
    // Only a new step moves focus; the live email preview must leave it where the user types.
    if (!panel || event.target !== panel) return;
    if (panel.dataset.pageTitle) document.title = panel.dataset.pageTitle;
    var heading = document.getElementById("step-heading");
    if (heading) heading.focus({ preventScroll: false });
    showCopyButtons(panel);
  });

  // Copy buttons exist in the page but stay hidden until we know we can copy.
  function showCopyButtons(root) {
    if (!navigator.clipboard) return;
    root.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var field = document.getElementById(button.dataset.copyTarget);
    if (!field) return;
    navigator.clipboard.writeText(field.value).then(function () {
      var status = document.querySelector(".copy-status");
      var original = button.dataset.label || button.textContent;
      button.dataset.label = original;
      button.textContent = status ? status.dataset.copiedText : "✓";
      button.classList.add("copy-button--done");
      if (status) status.textContent = status.dataset.copiedText;
      setTimeout(function () {
        button.textContent = original;
        button.classList.remove("copy-button--done");
        if (status) status.textContent = "";
      }, 2500);
    }, function () {
      field.focus();
      field.select();
    });
  });

  // Count an outcome shown, once per page address: anonymous, for the support team's dashboard.
  var counted = {};
  function countOutcome(root) {
    var outcome = root.querySelector("[data-outcome]");
    if (!outcome || !navigator.sendBeacon || counted[location.href]) return;
    counted[location.href] = true;
    var data = new FormData();
    data.append("outcome", outcome.dataset.outcome);
    navigator.sendBeacon(outcome.dataset.visitUrl, data);
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "wizard-panel") countOutcome(event.target);
  });

  document.addEventListener("DOMContentLoaded", function () {
    showCopyButtons(document);
    countOutcome(document);
    document.querySelectorAll(".print-button").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });

  // The live email preview is swapped in by htmx: its copy button needs showing too.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "email-preview") showCopyButtons(event.target);
  });
})();
