// The characters left on a long field: every textarea with a maxlength, and any field
// with data-maxlength, gets a line under it ("còn 4.980 ký tự") that follows the typing.
// The words come from the catalogue through this script tag's data-left and data-over
// ("{n}" stands for the number), so the counter speaks the page's language.
(function () {
  const script = document.currentScript;
  const LEFT = (script && script.dataset.left) || "{n}";
  const OVER = (script && script.dataset.over) || "-{n}";
  const digits = new Intl.NumberFormat("vi-VN");

  function limitOf(field) {
    return parseInt(field.dataset.maxlength || field.getAttribute("maxlength"), 10);
  }

  function attach(field, index) {
    const limit = limitOf(field);
    if (!(limit > 0)) return;
    const counter = document.createElement("div");
    counter.className = "form-text char-counter";
    counter.id = (field.id || "field-" + index) + "-counter";
    field.insertAdjacentElement("afterend", counter);
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? described + " " + counter.id : counter.id);
    function update() {
      // Line breaks count once, as the browser's maxlength counts them.
      const left = limit - field.value.replace(/\r\n/g, "\n").length;
      const words = left >= 0 ? LEFT : OVER;
      counter.textContent = words.replace("{n}", digits.format(Math.abs(left)));
      counter.classList.toggle("text-danger", left < 0);
    }
    field.addEventListener("input", update);
    update();
  }

  function start() {
    document
      .querySelectorAll("textarea[maxlength], [data-maxlength]")
      .forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
