// Tables with the class table-stack become one card per row on narrow screens (the CSS
// in portal.css). Each cell shows its column's name there, read from the header row
// into data-label, so that templates only add the class.
(function () {
  function headerNames(table) {
    const rows = table.tHead ? table.tHead.rows : [];
    if (!rows.length) return [];
    const names = [];
    for (const cell of rows[rows.length - 1].cells) {
      for (let i = 0; i < cell.colSpan; i++) names.push(cell.textContent.trim().replace(/\s+/g, " "));
    }
    return names;
  }

  function label(table) {
    const names = headerNames(table);
    if (!names.length) return;
    for (const body of [...table.tBodies, table.tFoot].filter(Boolean)) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          if (!cell.hasAttribute("data-label") && cell.colSpan === 1 && names[column]) {
            cell.dataset.label = names[column];
          }
          column += cell.colSpan;
        }
      }
    }
  }

  document.querySelectorAll("table.table-stack").forEach(label);
})();
