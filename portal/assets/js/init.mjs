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

// A message refused for coming too fast is a 429 whose body is the error for the
// conversation's live region. htmx swaps only successful answers unless told otherwise; the
// answer stays a failure, so the handler above leaves what the person typed in the box.
document.addEventListener("htmx:beforeSwap", (event) => {
  const form = event.detail.requestConfig?.elt?.closest?.("form[data-assistant-form]");
  if (form && event.detail.xhr.status === 429) event.detail.shouldSwap = true;
});
