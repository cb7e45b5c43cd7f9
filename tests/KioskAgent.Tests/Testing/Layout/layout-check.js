// Runs inside the kiosk page (Playwright's page.evaluate) and returns every way the page, as
// drawn now, is unusable; an empty list means it fits. What it checks, for every visible text and
// every button:
// - it lies wholly inside the viewport;
// - nothing cuts it off: an ancestor (or the element itself) that clips its overflow may only be a
//   list meant to scroll (marked data-scrolls) or, sideways, a one-line ellipsis;
// - no two texts of different elements intersect, and no text lies on a button it is not part of;
// - text is at least minFontPx, buttons at least minTouchPx in both directions;
// - text contrasts with what is behind it by at least minContrast (WCAG 2.x formula).
// Backgrounds are the composited background colours of the ancestors (gradient images are not
// sampled: pages put their lightest stop in background-color, which is what is checked).
(options) => {
  const opts = { minFontPx: 14, minTouchPx: 48, minContrast: 4.5, ...(options || {}) };
  const problems = [];
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const EPS = 0.5;

  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.dataset && el.dataset.testid) s += `[${el.dataset.testid}]`;
    else if (typeof el.className === "string" && el.className.trim()) s += "." + el.className.trim().split(/\s+/).join(".");
    return s;
  };
  const excerpt = (t) => {
    const s = t.replace(/\s+/g, " ").trim();
    return s.length > 40 ? s.slice(0, 39) + "…" : s;
  };
  const intersect = (a, b) => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  });
  const isEmpty = (r) => r.right - r.left <= EPS || r.bottom - r.top <= EPS;
  const smaller = (inner, outer) =>
    inner.left > outer.left + EPS || inner.top > outer.top + EPS || inner.right < outer.right - EPS || inner.bottom < outer.bottom - EPS;
  const overlaps = (a, b) => {
    const i = intersect(a, b);
    return i.right - i.left > 1 && i.bottom - i.top > 1;
  };

  const visible = (el) => {
    if (!el.isConnected || el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    if (style.visibility !== "visible") return false;
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.display === "none" || parseFloat(s.opacity) < 0.05) return false;
      if (a.getAttribute("aria-hidden") === "true") return false;
    }
    return true;
  };

  // The box an element clips its content to, per axis; undefined where it does not clip.
  const clipBox = (el) => {
    const s = getComputedStyle(el);
    const clipsX = s.overflowX !== "visible";
    const clipsY = s.overflowY !== "visible";
    if (!clipsX && !clipsY) return undefined;
    const r = el.getBoundingClientRect();
    const left = r.left + el.clientLeft;
    const top = r.top + el.clientTop;
    return {
      box: {
        left: clipsX ? left : -Infinity,
        top: clipsY ? top : -Infinity,
        right: clipsX ? left + el.clientWidth : Infinity,
        bottom: clipsY ? top + el.clientHeight : Infinity,
      },
      scrolls: el.hasAttribute("data-scrolls"),
      ellipsis: s.textOverflow === "ellipsis" && s.whiteSpace.startsWith("nowrap"),
    };
  };

  // Clips a rectangle through the element and its ancestors; reports a cut that is not allowed.
  // Returns the part left visible, or undefined when nothing is (e.g. scrolled out of a list).
  const clip = (rect, el, what) => {
    let shown = rect;
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const c = clipBox(a);
      // A box as large as the viewport (body, the app root) clips nothing the viewport check misses.
      if (!c || (c.box.left <= EPS && c.box.top <= EPS && c.box.right >= vw - EPS && c.box.bottom >= vh - EPS)) continue;
      const next = intersect(shown, c.box);
      if (smaller(next, shown)) {
        const sideways = next.top <= shown.top + EPS && next.bottom >= shown.bottom - EPS;
        if (!c.scrolls && !(c.ellipsis && sideways)) {
          problems.push(`${what} is cut off by ${describe(a)}`);
          return undefined;
        }
      }
      shown = next;
      if (isEmpty(shown)) return undefined;
    }
    return shown;
  };

  const insideViewport = (r, what) => {
    if (r.left < -EPS || r.top < -EPS || r.right > vw + EPS || r.bottom > vh + EPS) {
      problems.push(`${what} lies partly outside the ${vw}x${vh} viewport`);
    }
  };

  // ---- colours ----
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return undefined;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = (c) => {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const background = (el) => {
    const layers = [];
    for (let a = el; a; a = a.parentElement) {
      const c = parse(getComputedStyle(a).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const contrast = (el) => {
    const fg = parse(getComputedStyle(el).color);
    if (!fg) return undefined;
    for (let a = el; a; a = a.parentElement) fg.a *= parseFloat(getComputedStyle(a).opacity);
    const bg = background(el);
    const l1 = luminance(over(fg, bg));
    const l2 = luminance(bg);
    return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  };
  const inactive = (el) => !!el.closest("button:disabled");

  // ---- texts ----
  const texts = [];
  const checked = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue.trim()) continue;
    const el = node.parentElement;
    if (!el || !visible(el) || el.closest("script,style")) continue;
    const what = `text "${excerpt(node.nodeValue)}" (${describe(el)})`;
    const range = document.createRange();
    range.selectNodeContents(node);
    const style = getComputedStyle(el);
    const fontPx = parseFloat(style.fontSize);
    let shownAny = false;
    for (const line of range.getClientRects()) {
      if (line.width <= EPS || line.height <= EPS) continue;
      // The glyphs' em box, centred in the line's content area (which is taller than the glyphs
      // and may stick out of a tight line-height without anything showing there).
      const mid = (line.top + line.bottom) / 2;
      const half = Math.min(line.bottom - line.top, fontPx) / 2;
      const glyphs = { left: line.left, right: line.right, top: mid - half, bottom: mid + half };
      const shown = clip(glyphs, el, what);
      if (!shown) continue;
      shownAny = true;
      insideViewport(shown, what);
      texts.push({ el, what, box: shown });
    }
    if (!shownAny || checked.has(el)) continue;
    checked.add(el);
    if (fontPx < opts.minFontPx - 0.01) problems.push(`${what} is ${fontPx.toFixed(1)} px, under ${opts.minFontPx} px`);
    const ratio = contrast(el);
    if (ratio !== undefined && ratio < opts.minContrast && !inactive(el)) {
      problems.push(`${what} has contrast ${ratio.toFixed(2)}:1, under ${opts.minContrast}:1`);
    }
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      if (a.el === b.el) continue;
      if (overlaps(a.box, b.box)) problems.push(`${a.what} overlaps ${b.what}`);
    }
  }

  // ---- buttons ----
  for (const el of document.querySelectorAll("button, [role=button], a[href], input, select")) {
    if (!visible(el)) continue;
    const what = `button ${describe(el)}`;
    const r = el.getBoundingClientRect();
    if (r.width < opts.minTouchPx - EPS || r.height < opts.minTouchPx - EPS) {
      problems.push(`${what} is ${r.width.toFixed(0)}x${r.height.toFixed(0)} px, under ${opts.minTouchPx} px`);
    }
    const shown = clip(r, el.parentElement, what);
    if (!shown) continue;
    insideViewport(shown, what);
    for (const t of texts) {
      if (!el.contains(t.el) && overlaps(shown, t.box)) problems.push(`${t.what} lies on ${what}`);
    }
  }
  return [...new Set(problems)];
}
