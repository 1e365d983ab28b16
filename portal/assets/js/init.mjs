// Starts GOV.UK Frontend's components. A file, not an inline script, so the
// content security policy can forbid inline scripts.
import { initAll } from "/static/js/govuk-frontend.min.js";

initAll();

// The assistant's chat (/assistant): once htmx has appended a reply to the conversation,
// clear the message box and put the cursor back in it, ready for the next message.
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.target.closest?.("form[data-assistant-form]");
  if (!form || !event.detail.successful) return;
  const input = document.getElementById("message");
  if (input) {
    input.value = "";
    input.focus();
  }
  document.getElementById("assistant-empty")?.remove();
});
