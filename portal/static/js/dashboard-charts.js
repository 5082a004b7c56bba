// Draws the dashboard charts with the vendored Chart.js. Each <canvas data-chart-source="ID">
// reads its data from <script type="application/json" id="ID">, so no inline script is needed.
// Colour is never the only signal: bars get a fill pattern each, lines a dash and a point style.
(function () {
  if (typeof Chart === "undefined") return;

  // Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
  const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"];
  const PATTERNS = ["solid", "diagonal", "dots", "cross", "horizontal", "vertical", "zigzag"];
  const DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 4]];
  const POINTS = ["circle", "rect", "triangle", "rectRot", "crossRot", "star"];
  const NUMBER_LOCALE = "vi-VN";

  function pattern(kind, colour) {
    if (kind === "solid") return colour;
    const size = 10;
    const tile = document.createElement("canvas");
    tile.width = tile.height = size;
    const ctx = tile.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (kind === "diagonal") {
      ctx.moveTo(0, size); ctx.lineTo(size, 0);
      ctx.moveTo(-2, 2); ctx.lineTo(2, -2);
      ctx.moveTo(size - 2, size + 2); ctx.lineTo(size + 2, size - 2);
    } else if (kind === "dots") {
      ctx.arc(size / 2, size / 2, 2.5, 0, Math.PI * 2);
      ctx.fill();
    } else if (kind === "cross") {
      ctx.moveTo(0, 0); ctx.lineTo(size, size);
      ctx.moveTo(size, 0); ctx.lineTo(0, size);
    } else if (kind === "horizontal") {
      ctx.moveTo(0, size / 2); ctx.lineTo(size, size / 2);
    } else if (kind === "vertical") {
      ctx.moveTo(size / 2, 0); ctx.lineTo(size / 2, size);
    } else {
      ctx.moveTo(0, size * 0.7); ctx.lineTo(size / 2, size * 0.3); ctx.lineTo(size, size * 0.7);
    }
    ctx.stroke();
    return ctx.createPattern(tile, "repeat");
  }

  function dataset(source, index, type) {
    const colour = COLOURS[index % COLOURS.length];
    const common = { label: source.label, data: source.data, borderColor: colour };
    if (type === "line") {
      return Object.assign(common, {
        backgroundColor: colour,
        borderDash: DASHES[index % DASHES.length],
        borderWidth: 2,
        pointStyle: POINTS[index % POINTS.length],
        pointRadius: 5,
        tension: 0.1,
      });
    }
    return Object.assign(common, {
      backgroundColor: pattern(PATTERNS[index % PATTERNS.length], colour),
      borderWidth: 1.5,
    });
  }

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chartSource);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (spec.horizontal) {
      // One bar per category: give each about 1.8rem so that long unit names fit.
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const height = Math.max(18, spec.labels.length * 1.8 + 7) * rem;
      canvas.parentElement.style.height = height + "px";
    }
    const axis = (title, stacked, integer) => ({
      stacked: stacked,
      title: { display: true, text: title },
      ticks: integer
        ? { precision: 0, callback: (value) => Number(value).toLocaleString(NUMBER_LOCALE) }
        : {},
      beginAtZero: integer,
    });
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((d, i) => dataset(d, i, spec.type)),
      },
      options: {
        // Ticks and tooltips in the Vietnamese number format (1.234; 4,5), as the tables
        // beside the charts and every page show numbers, whatever the interface language.
        locale: NUMBER_LOCALE,
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion ? false : undefined,
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: spec.type === "line" } },
          title: { display: false },
        },
        indexAxis: spec.horizontal ? "y" : "x",
        scales: spec.horizontal
          ? { y: axis(spec.xTitle, spec.stacked, false), x: axis(spec.yTitle, spec.stacked, true) }
          : { x: axis(spec.xTitle, spec.stacked, false), y: axis(spec.yTitle, spec.stacked, true) },
      },
    });
  }

  document.querySelectorAll("canvas[data-chart-source]").forEach(draw);
})();
