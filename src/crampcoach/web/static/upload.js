// crampcoach: the upload form with progress. Without this script the form is sent as it is
// and the result page comes when the import is done; with it, the page shows how much of
// the upload is sent, then how many files are imported, then opens the result.
"use strict";

function words(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

function poll(form, urls, status, bar) {
  fetch(urls.progress, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((job) => {
      bar.max = Math.max(job.files, 1);
      bar.value = job.done;
      const importing = job.files === 1 ? form.dataset.importingOne : form.dataset.importing;
      status.textContent = words(importing, { done: job.done, files: job.files });
      if (job.status === "running") {
        window.setTimeout(() => poll(form, urls, status, bar), 700);
      } else {
        window.location.assign(urls.result);
      }
    })
    .catch(() => window.location.assign(urls.result)); // the result page says how far it got
}

document.querySelectorAll("form[data-upload]").forEach((form) => {
  const bar = form.querySelector(".upload-progress");
  const status = form.querySelector(".upload-status");
  const button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", (event) => {
    if (!window.FormData || !window.XMLHttpRequest) {
      return; // the plain form
    }
    event.preventDefault();
    const data = new FormData(form);
    data.append("background", "1");
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    bar.hidden = false;
    request.upload.addEventListener("progress", (progress) => {
      if (progress.lengthComputable) {
        const percent = Math.round((100 * progress.loaded) / progress.total);
        bar.max = 100;
        bar.value = percent;
        status.textContent = words(form.dataset.sending, { percent: percent });
      }
    });
    request.addEventListener("load", () => {
      if (request.status === 202) {
        poll(form, JSON.parse(request.responseText), status, bar);
      } else {
        form.submit(); // no files, too many: the plain form gets the page that says so
      }
    });
    request.addEventListener("error", () => {
      status.textContent = form.dataset.failed;
      bar.hidden = true;
      button.disabled = false;
    });
    request.send(data);
  });
});
