// Polls a compilation's status and moves the progress bar until the job finishes.
(function () {
  const box = document.getElementById("compilation-progress");
  if (!box || box.dataset.finished === "true") return;
  const bar = box.querySelector(".progress-bar");
  const wrapper = box.querySelector(".progress");
  const step = box.querySelector("[data-role=step]");
  const error = box.querySelector("[data-role=error]");
  const download = box.querySelector("[data-role=download]");
  const cancel = box.querySelector("[data-role=cancel]");
  const badge = document.querySelector("#compilation-status [data-role=status-badge]");
  const elapsed = box.querySelector("[data-role=elapsed]");
  const remaining = box.querySelector("[data-role=remaining]");

  // The badge follows the same status as the bar: its label and tone come from the server.
  function showStatus(data) {
    if (!badge) return;
    badge.textContent = data.status_label;
    badge.className = "badge text-bg-" + data.tone;
  }

  async function poll() {
    let data;
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      data = await response.json();
    } catch (e) {
      setTimeout(poll, 3000);
      return;
    }
    bar.style.width = data.progress + "%";
    bar.textContent = data.progress + "%";
    wrapper.setAttribute("aria-valuenow", data.progress);
    step.textContent = data.step;
    showStatus(data);
    if (elapsed) elapsed.textContent = data.elapsed || "";
    if (remaining) remaining.textContent = data.remaining || "";
    if (data.error) { error.textContent = data.error; error.classList.remove("d-none"); }
    if (data.finished) {
      bar.classList.remove("progress-bar-striped", "progress-bar-animated");
      if (cancel) cancel.remove();
      if (data.downloadable) download.classList.remove("d-none");
      window.location.reload();
      return;
    }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 500);
})();
