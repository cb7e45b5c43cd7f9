// A minimal element builder. Text always goes through textContent, never innerHTML, so nothing
// the agent sends can become markup.
type Attrs = Record<string, string | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (name === "class") el.className = value;
    else el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Parsed icons by class and markup: a handful of compile-time constants, so the map stays small. */
const ICONS = new Map<string, Element>();

/**
 * Builds a static inline SVG from a trusted, compile-time constant (icons only). Each icon is parsed
 * once and every screen gets a clone: parsing makes a whole XML document, which a kiosk drawing
 * thousands of screens a day would otherwise build and collect again for every icon it shows.
 */
export function icon(markup: string, cls: string): Element {
  const key = `${cls}\n${markup}`;
  let parsed = ICONS.get(key);
  if (!parsed) {
    const doc = new DOMParser().parseFromString(
      `<svg xmlns="${SVG_NS}" class="${cls}" aria-hidden="true" ${markup}</svg>`,
      "image/svg+xml",
    );
    parsed = document.importNode(doc.documentElement, true);
    ICONS.set(key, parsed);
  }
  return parsed.cloneNode(true) as Element;
}

/**
 * Shrinks an element's font until its content fits its box, never below minRem (and never below
 * 14 px): "width" for one-line text (long names, large balances), which then wraps (class "wrap")
 * if it still does not fit; "height" for wrapping text (messages). Starts again from the
 * stylesheet's size, so it can be called after every resize. Call once the element is in the document.
 */
export function fitText(el: HTMLElement, minRem: number, axis: "width" | "height"): void {
  el.style.fontSize = "";
  el.classList.remove("wrap");
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const minPx = Math.max(MIN_TEXT_PX, minRem * rem);
  let size = parseFloat(getComputedStyle(el).fontSize);
  // Slack: a line's content area (CJK fonts: about 1.45em) reaches past a tighter line-height by a
  // few pixels at the last line without anything being cut; counting that would shrink every message.
  const overflows = () =>
    axis === "width" ? el.scrollWidth > el.clientWidth + 1 : el.scrollHeight > el.clientHeight + Math.max(1, size * 0.3);
  while (size > minPx && overflows()) {
    size = Math.max(minPx, size - 2);
    el.style.fontSize = `${size}px`;
  }
  if (axis === "width" && overflows()) el.classList.add("wrap");
}

/** Nothing on the kiosk is smaller than this (readability at 800x480). */
export const MIN_TEXT_PX = 14;
