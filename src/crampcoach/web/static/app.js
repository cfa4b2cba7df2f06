// crampcoach: what every page adds when JavaScript runs. The pages work without it.
"use strict";

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Offline relief is a bonus: the pages work without it.
    });
  });
}

// A form's buttons are disabled once it is sent, so that a double tap sends it once.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement) {
    window.setTimeout(() => {
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.disabled = true;
      });
    }, 0);
  }
});
