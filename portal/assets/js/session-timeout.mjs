// The GOV.UK timeout warning (templates/components/session_timeout.html): shortly before a
// signed-in session would time out on the server, a modal dialog says so. "Stay signed in"
// (or Escape) makes a request, which moves the server's timeout on; "Sign out" signs out.
// If nobody answers, the page is loaded again when the time is up, and the server shows
// its "You have been signed out" page. Any htmx request also counts as activity.
const dialog = document.querySelector("dialog[data-session-timeout]");

if (dialog && typeof dialog.showModal === "function") {
  const timeout = Number(dialog.dataset.timeoutSeconds) * 1000;
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  const countdown = dialog.querySelector("[data-timeout-countdown]");
  let timers = [];
  let deadline = 0;

  const describe = (ms) => {
    const minutes = Math.ceil(ms / 60000);
    if (minutes > 1) return `${minutes} minutes`;
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return seconds >= 60 ? "1 minute" : `${seconds} seconds`;
  };

  const start = () => {
    timers.forEach(clearTimeout);
    deadline = Date.now() + timeout;
    timers = [setTimeout(warn, timeout - warning), setTimeout(timedOut, timeout)];
  };

  const warn = () => {
    // Set once as it opens: a countdown that changed every second would be read out
    // over and over by screen readers.
    countdown.textContent = describe(deadline - Date.now());
    dialog.showModal();
  };

  const timedOut = () => {
    // A GET of this page: the server sends a timed-out session to its signed-out page.
    window.location.assign(window.location.pathname + window.location.search);
  };

  const stay = async () => {
    dialog.close();
    try {
      const response = await fetch(window.location.pathname + window.location.search, {
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.redirected) {
        // The session had already ended (another tab signed out, say): show where it went.
        window.location.assign(response.url);
        return;
      }
    } catch {
      // Offline for a moment: the timers start again and the next request will tell.
    }
    start();
  };

  dialog.querySelector("[data-timeout-stay]").addEventListener("click", stay);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay();
  });
  document.addEventListener("htmx:afterRequest", () => {
    if (!dialog.open) start();
  });
  start();
}
