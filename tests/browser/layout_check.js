// Finds what a reader would see as broken layout on the current page:
// text drawn over other text, text hidden under another box, and (for print)
// headings with nothing under them, buttons (and links drawn as buttons) and download links.
// Returns {overlaps: [...], covered: [...], emptyHeadings: [...], screenOnly: [...], width}.
() => {
  const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "TITLE", "OPTION", "OPTGROUP", "DATALIST", "SELECT", "TEXTAREA"]);
  const CONTROLS = "input:not([type=hidden]), select, textarea";
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} “${text.slice(0, 50)}”`;
  };

  // A box is cut to what every ancestor that clips (overflow, clip-path) lets show: this drops
  // visually hidden text and the parts of a scrolling table outside its region.
  const clipped = (rect, el) => {
    let { left, top, right, bottom } = rect;
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      const clips = style.overflowX !== "visible" || style.overflowY !== "visible" || style.clipPath !== "none" || style.clip !== "auto";
      if (!clips) continue;
      const box = node.getBoundingClientRect();
      left = Math.max(left, box.left); top = Math.max(top, box.top);
      right = Math.min(right, box.right); bottom = Math.min(bottom, box.bottom);
    }
    return right - left > 1.5 && bottom - top > 1.5 ? { left, top, right, bottom } : null;
  };
  // Rendered at all: not display:none, invisible, transparent, or inside a skipped subtree (a closed <details>).
  const shown = (el) => el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true });

  // Every line of visible text (a range per text node gives one box per line), and every form control.
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest("svg") || [...ancestors(el)].some((a) => SKIP.has(a.tagName))) continue;
    if (!shown(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      const box = clipped(rect, el);
      if (box) boxes.push({ ...box, el, node });
    }
  }
  for (const el of document.querySelectorAll(CONTROLS)) {
    if (!shown(el)) continue;
    const box = clipped(el.getBoundingClientRect(), el);
    if (box) boxes.push({ ...box, el, node: el });
  }
  function* ancestors(el) { for (let node = el; node; node = node.parentElement) yield node; }

  // Text over text: two boxes from different nodes that share more than a sliver.
  const overlaps = [];
  boxes.sort((a, b) => a.top - b.top);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].top < a.bottom; j++) {
      const b = boxes[j];
      if (a.node === b.node || a.el.contains(b.el) && b.node.nodeType !== 3 || b.el.contains(a.el) && a.node.nodeType !== 3) continue;
      const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (width > 1.5 && height > 2) {
        overlaps.push(`${describe(a.el)} overlaps ${describe(b.el)} at (${Math.round(Math.max(a.left, b.left))}, ${Math.round(Math.max(a.top, b.top) + scrollY)})`);
      }
    }
  }

  // Text under another box: what is drawn at the middle of a line must be the text's own element.
  const covered = [];
  for (const box of boxes) {
    const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit !== box.el && !box.el.contains(hit) && !hit.contains(box.el)) {
      covered.push(`${describe(box.el)} is under ${describe(hit)}`);
    }
  }

  // Headings with nothing visible after them before the next heading of the same or a higher rank.
  const emptyHeadings = [];
  const main = document.querySelector("main") || document.body;
  const items = [];
  const all = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = all.nextNode(); node; node = all.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !shown(el) || !node.parentElement.getClientRects().length) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some((rect) => clipped(rect, el))) continue;
    const heading = el.closest("h1, h2, h3, h4, h5, h6");
    const last = items[items.length - 1];
    if (heading) {
      if (!last || last.heading !== heading) items.push({ heading, level: Number(heading.tagName[1]) });
    } else {
      items.push({ heading: null, level: 0 });
    }
  }
  items.forEach((item, index) => {
    if (!item.heading) return;
    const next = items[index + 1];
    if (!next || (next.heading && next.level <= item.level)) emptyHeadings.push(describe(item.heading));
  });

  // A link drawn as a button (class "button", "button-link", ...) is a control like the button it looks like.
  const screenOnly = [...document.querySelectorAll("button, a[class*=button], a[download], input, select, textarea")]
    .filter((el) => shown(el) && el.getClientRects().length && clipped(el.getBoundingClientRect(), el))
    .map(describe);

  return { overlaps, covered, emptyHeadings, screenOnly, width: document.documentElement.scrollWidth };
}
