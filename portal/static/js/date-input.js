// Date boxes (<input data-date-input>, see VnDateField in portal/fields.py): while a
// person types the digits of dd/mm/yyyy, the slashes come by themselves, so that a phone's
// number pad (no "/" key) is enough. Only typing at the end of the box is touched: a pasted
// or filled value (05/06/2025, 2025-06-05) is left as it is, and the server reads it.
(function () {
  const SLASH_AFTER = /^(\d{2}|\d{1,2}\/\d{2})$/;

  document.addEventListener("input", function (event) {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.dataset.dateInput === undefined) return;
    if (event.inputType !== "insertText" || box.selectionStart !== box.value.length) return;
    let value = box.value;
    if (value.endsWith("//")) value = value.slice(0, -1); // typed "/" after an automatic one
    if (SLASH_AFTER.test(value)) value += "/";
    if (value !== box.value) box.value = value;
  });
})();
