// The portal's only page-wide script, so that no page needs an inline event handler
// (the Content-Security-Policy allows scripts from the portal's own files only):
// a form or button with data-confirm="question" asks before it submits, and a button
// with data-print prints the page.
(function () {
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm !== undefined) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    if (!(event.target instanceof Element)) return;
    const asking = event.target.closest("button[data-confirm], a[data-confirm], input[data-confirm]");
    if (asking && !window.confirm(asking.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (event.target.closest("[data-print]")) window.print();
  });
})();
