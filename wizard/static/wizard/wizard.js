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

  // Anonymous events for the support team's dashboard (wizard/events.py): which steps and
  // outcomes are shown, which answers given, which emails prepared, which guides opened. Each
  // names only the page's own answers (its query string); the server checks them against the flow.
  function eventUrl() {
    var marked = document.querySelector("[data-visit-url]");
    return marked ? marked.dataset.visitUrl : "/" + document.documentElement.lang + "/wizard/visit/";
  }
  function send(name, fields) {
    if (!navigator.sendBeacon) return;
    var data = new FormData();
    data.append("name", name);
    Object.keys(fields || {}).forEach(function (key) { data.append(key, fields[key]); });
    navigator.sendBeacon(eventUrl(), data);
  }
  var sent = {};
  function sendOnce(name, fields) {
    var key = name + " " + location.href;
    if (sent[key]) return;
    sent[key] = true;
    send(name, fields);
  }
  function recordStep(panel) {
    var answers = location.search;
    if (panel.querySelector("[data-outcome]")) sendOnce("outcome_reached", { answers: answers });
    else if (panel.querySelector(".wizard-question")) sendOnce("step_shown", { answers: answers });
    // A page with answers is where the last answer led: that answer was given.
    if (panel.querySelector(".wizard-answers")) sendOnce("answer_given", { answers: answers });
  }
  function recordGuide() {
    var match = location.pathname.match(/\/admin-guide\/([a-z0-9-]+)\/$/);
    if (match && document.querySelector(".guide")) sendOnce("guide_opened", { guide: match[1] });
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "wizard-panel") recordStep(event.target);
  });
  // The email to the admin, opened in the mail app, copied or downloaded. (The email's own
  // requests store nothing, so that they work even when the database does not.)
  var channels = { mailto: 'a[href^="mailto:"]', copy: '[data-copy-target="email-text"]', eml: 'button[name="download"]' };
  document.addEventListener("click", function (event) {
    if (!event.target.closest("#email-preview")) return;
    Object.keys(channels).forEach(function (channel) {
      if (event.target.closest(channels[channel])) send("email_prepared", { answers: location.search, channel: channel });
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    showCopyButtons(document);
    var panel = document.getElementById("wizard-panel");
    if (panel) recordStep(panel);
    recordGuide();
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
