// Layout probes for tests/browser/test_layout.py, run in the page with page.evaluate().
// Each is a function expression; test_layout.py picks one by name.
({
  // Elements that stick out of the viewport sideways (what would make a reader scroll).
  // Content of a data table in its own scrolling region is exempt (WCAG 1.4.10 allows
  // two-dimensional scrolling for data tables); the region itself must fit.
  overflow: () => {
    const width = document.documentElement.clientWidth;
    const out = [];
    const inScrollingTable = (el) => {
      const region = el.closest("[role=region]");
      return region && region !== el && region.querySelector("table") &&
        ["auto", "scroll"].includes(getComputedStyle(region).overflowX);
    };
    for (const el of document.body.querySelectorAll("*")) {
      if (el.closest(".visually-hidden, .skip-link, svg") || inScrollingTable(el)) { continue; }
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) { continue; }
      if (r.left < -1 || r.right > width + 1) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
      }
    }
    return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 10)};
  },

  // The boxes of every block-level element, in document order, to compare LTR with RTL.
  boxes: () => {
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (el.closest(".visually-hidden, .skip-link, svg")) { continue; }
      const display = getComputedStyle(el).display;
      if (display.startsWith("inline") || display === "none" || display === "contents") { continue; }
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) { continue; }
      const name = el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className : "");
      out.push({name, left: r.left, right: r.right, top: r.top});
    }
    return {width: document.documentElement.clientWidth, boxes: out};
  },

  // Pointer targets smaller than 24x24 px without the spacing WCAG 2.5.8 allows instead.
  // Links inside running text are exempt (the size is set by the line of text).
  smallTargets: () => {
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary";
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
    };
    const inRunningText = (el) => {
      if (el.tagName !== "A" || !getComputedStyle(el).display.startsWith("inline")) { return false; }
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith("inline")) { block = block.parentElement; }
      const own = el.textContent.trim().length;
      return block && block.textContent.replace(/\s+/g, " ").trim().length > own + 1;
    };
    // The points of the results map are exempt as WCAG 2.5.8 allows ("essential": a
    // point's place is the information); the list below is their equivalent in words.
    const targets = [...document.querySelectorAll(selector)].filter(
      (el) => visible(el) && !el.closest(".visually-hidden, .skip-link, .result-map svg"));
    const rects = targets.map((el) => el.getBoundingClientRect());
    const small = targets.map((el, i) => rects[i].width < 24 || rects[i].height < 24);
    // Distance from a point to a rectangle (0 inside it).
    const distance = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right),
                                             Math.max(r.top - y, 0, y - r.bottom));
    const out = [];
    targets.forEach((el, i) => {
      if (!small[i] || inRunningText(el)) { return; }
      // Label and control act as one target: a label's own control is not a neighbour.
      const cx = (rects[i].left + rects[i].right) / 2;
      const cy = (rects[i].top + rects[i].bottom) / 2;
      const crowded = targets.some((other, j) => {
        if (j === i || other.contains(el) || el.contains(other)) { return false; }
        if (small[j]) {  // two 24 px circles must not overlap
          const ox = (rects[j].left + rects[j].right) / 2;
          const oy = (rects[j].top + rects[j].bottom) / 2;
          return Math.hypot(cx - ox, cy - oy) < 24;
        }
        return distance(cx, cy, rects[j]) < 12;  // the circle must not touch a target
      });
      if (crowded) {
        out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || "").trim().slice(0, 40)}" ` +
                 `${Math.round(rects[i].width)}x${Math.round(rects[i].height)}`);
      }
    });
    return out;
  },
})
