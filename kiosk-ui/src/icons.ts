// Inline artwork (no external assets: the kiosk runs offline).

const TAP_VIEWBOX = `viewBox="0 0 260 200">`;
const TAP_CARD_BODY = `
  <g class="card">
    <rect x="14" y="36" width="168" height="128" rx="16"/>
    <rect class="stripe" x="14" y="62" width="168" height="20"/>
    <rect class="chip" x="34" y="100" width="34" height="26" rx="5"/>
    <rect class="line" x="34" y="140" width="88" height="8" rx="4"/>
  </g>`;
const TAP_WAVE_PATHS = ["M196 78 a34 34 0 0 1 0 44", "M214 62 a58 58 0 0 1 0 76", "M232 46 a82 82 0 0 1 0 108"];
const waves = (paths: readonly string[]) =>
  `<g class="waves" fill="none" stroke-linecap="round" stroke-width="9">${paths.map((d) => `<path d="${d}"/>`).join("")}</g>`;

/** A member card with the contactless mark, in one piece (the dimmed screen's still hint). */
export const TAP_CARD = `${TAP_VIEWBOX}${waves(TAP_WAVE_PATHS)}${TAP_CARD_BODY}`;

/** The same card without its waves: the idle screen lays each wave over it as its own picture. */
export const TAP_CARD_ONLY = `${TAP_VIEWBOX}${TAP_CARD_BODY}`;

/** The card's three waves, one picture each, in the card's frame (so they lie exactly where TAP_CARD draws them). */
export const TAP_WAVES = TAP_WAVE_PATHS.map((d) => `${TAP_VIEWBOX}${waves([d])}`);

/** Circle with an exclamation mark, for refusals. */
export const WARNING = `viewBox="0 0 96 96">
  <circle cx="48" cy="48" r="44" fill="none" stroke-width="7" stroke="currentColor"/>
  <rect x="43" y="22" width="10" height="36" rx="5" fill="currentColor"/>
  <circle cx="48" cy="71" r="6" fill="currentColor"/>`;

/** Circle with a tick, for a recognised member. */
export const CHECK = `viewBox="0 0 96 96">
  <circle cx="48" cy="48" r="44" fill="none" stroke-width="7" stroke="currentColor"/>
  <path d="M28 50 l13 13 l27 -29" fill="none" stroke="currentColor" stroke-width="8"
        stroke-linecap="round" stroke-linejoin="round"/>`;

/** A wrapped gift box, for the gift list. */
export const GIFT = `viewBox="0 0 96 96">
  <rect x="14" y="38" width="68" height="46" rx="6" fill="none" stroke="currentColor" stroke-width="6"/>
  <rect x="8" y="26" width="80" height="16" rx="5" fill="none" stroke="currentColor" stroke-width="6"/>
  <path d="M48 26 v58" stroke="currentColor" stroke-width="6"/>
  <path d="M48 26 c-6 -14 -26 -16 -22 -4 c2 6 14 4 22 4 c8 0 20 2 22 -4 c4 -12 -16 -10 -22 4z"
        fill="none" stroke="currentColor" stroke-width="5" stroke-linejoin="round"/>`;

/** A small member card, beside the card hint on the idle screen. */
export const CARD_SMALL = `viewBox="0 0 48 36">
  <rect x="2" y="3" width="44" height="30" rx="5" fill="none" stroke="currentColor" stroke-width="3"/>
  <rect x="2" y="10" width="44" height="5" fill="currentColor"/>
  <rect x="8" y="21" width="9" height="7" rx="1.5" fill="currentColor"/>`;

/** A QR code (a stylised one: three finder squares and a few modules), beside the QR hint. */
export const QR_CODE = `viewBox="0 0 36 36" fill="currentColor">
  <path fill-rule="evenodd" d="M2 2h12v12H2zM5 5v6h6V5zM22 2h12v12H22zM25 5v6h6V5zM2 22h12v12H2zM5 25v6h6v-6z"/>
  <rect x="7" y="7" width="2" height="2"/><rect x="27" y="7" width="2" height="2"/><rect x="7" y="27" width="2" height="2"/>
  <rect x="17" y="2" width="3" height="3"/><rect x="17" y="9" width="3" height="5"/><rect x="22" y="17" width="3" height="3"/>
  <rect x="17" y="17" width="3" height="3"/><rect x="28" y="17" width="6" height="3"/><rect x="22" y="22" width="5" height="3"/>
  <rect x="31" y="24" width="3" height="5"/><rect x="22" y="29" width="3" height="5"/><rect x="27" y="31" width="4" height="3"/>
  <rect x="2" y="17" width="5" height="3"/><rect x="10" y="17" width="4" height="3"/>`;
