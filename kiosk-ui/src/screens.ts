// The idle, member and refusal screens, drawn in the kiosk's language(s). Data from the agent
// (names, levels, card numbers, the site's greeting) is marked translate="no": it is shown as sent.
import { h, icon } from "./dom";
import type { RedemptionActions } from "./gifts";
import { actionButton, memberRedemptionPart } from "./gifts";
import { msg, type Msg } from "./i18n/messages";
import type { Voice } from "./i18n/voice";
import { CARD_SMALL, CHECK, QR_CODE, TAP_CARD_ONLY, TAP_WAVES, WARNING } from "./icons";
import { type IdleModel, type MemberModel, PLACEHOLDER, type ProgressModel, type RefusalModel, type StatementModel } from "./viewmodel";

/**
 * The attract screen: the store, the site's greeting, and how to identify: the card (always) and
 * the QR code of a digital card (only while the agent says it takes one).
 */
export function idleScreen(v: Voice, m: IdleModel, storeName = ""): HTMLElement {
  return h(
    "section",
    { class: "screen screen-idle", "data-testid": "screen-idle", "data-qr": m.qrAccepted ? "accepted" : undefined },
    storeName.trim() ? h("div", { class: "store-name", "data-testid": "idle-store", translate: "no" }, sitesWords(v, storeName.trim())) : null,
    greeting(v, m.greeting),
    tapArt(),
    h("h1", { class: "prompt" }, v.say(msg("idle.prompt"))),
    h(
      "ul",
      { class: "ways", "data-testid": "idle-ways" },
      way(v, CARD_SMALL, msg("idle.hint"), "idle-hint-card"),
      m.qrAccepted ? way(v, QR_CODE, msg("idle.qrHint"), "idle-hint-qr") : null,
    ),
  );
}

/**
 * The card and its pulsing waves. Each wave is a picture of its own over the card, and only its
 * opacity is animated: the compositor runs that by itself, so a kiosk resting on this screen all day
 * does no style, layout or paint work in the page, and allocates nothing, for its animation.
 */
function tapArt(): HTMLElement {
  return h("div", { class: "tap-art", "data-testid": "idle-art" }, icon(TAP_CARD_ONLY, "tap-card"), ...TAP_WAVES.map((w, i) => icon(w, `tap-wave w${i + 1}`)));
}

/** One way to identify: an icon and its words. */
function way(v: Voice, art: string, text: Msg, testId: string): HTMLElement {
  return h("li", { class: "way", "data-testid": testId }, icon(art, "way-icon"), v.say(text, "prompt-hint"));
}

/**
 * The site's greeting (Screen:IdleGreeting) as the site wrote it. Written in both languages as
 * "中文 · English", each language shows its own half; without one, the kiosk's own welcome.
 */
function greeting(v: Voice, text: string): HTMLElement {
  const attrs = { class: "greeting", "data-testid": "idle-greeting" };
  if (text === "") return h("div", attrs, v.say(msg("idle.welcome")));
  return h("div", { ...attrs, translate: "no" }, sitesWords(v, text));
}

/** The site's own text (greeting, store name): written "中文 · English", a one-language screen shows its half. */
function sitesWords(v: Voice, text: string): string {
  const halves = text.split(" · ");
  if (halves.length === 2 && v.mode !== "bilingual") return v.mode === "en" ? halves[1]! : halves[0]!;
  return text;
}

export function memberScreen(v: Voice, m: MemberModel, redemption?: RedemptionActions): HTMLElement {
  return h(
    "section",
    { class: "screen screen-member", "data-testid": "screen-member" },
    h(
      "div",
      { class: "member-head" },
      icon(CHECK, "head-icon ok"),
      h(
        "div",
        { class: "member-who" },
        v.label(msg("member.welcome"), "eyebrow"),
        h("div", { class: "member-name", "data-testid": "member-name", "data-fit": "1.6", translate: "no" }, m.name),
      ),
      m.birthday ? h("div", { class: "birthday", "data-testid": "member-birthday" }, v.say(msg("member.birthday"))) : null,
    ),
    h(
      "div",
      { class: "tiles" },
      tile(v, msg("member.balance"), m.balance ? v.money(m.balance.minor, m.balance.currency) : PLACEHOLDER, "member-balance", "tile-balance"),
      tile(v, msg("member.points"), v.int(m.points), "member-points", "tile-points"),
      tile(v, msg("member.level"), m.level, "member-level", "tile-level", true),
    ),
    m.progress ? progressLine(v, m.progress) : null,
    m.expiring ? h("div", { class: "notice notice-expiring", "data-testid": "member-expiring", role: "note" }, v.say(m.expiring)) : null,
    h(
      "div",
      { class: "member-foot" },
      h("div", { class: "member-facts" }, cardLine(v, m.card, "member-card"), freshnessLine(v, m)),
      m.statement ? statementPart(v, m.statement, redemption) : null,
      m.redemption ? memberRedemptionPart(v, m.redemption, redemption) : null,
    ),
  );
}

/** Whether balance and points are live from central or the kiosk's cached copy ("as of" its last sync). */
function freshnessLine(v: Voice, m: MemberModel): HTMLElement | null {
  let text: Msg;
  switch (m.freshness) {
    case "checking":
      text = msg("member.checking");
      break;
    case "live":
      text = msg("member.live");
      break;
    case "cached":
      text = m.asOf ? msg("member.asOf", { at: m.asOf }) : msg("member.cached");
      break;
    default:
      return null;
  }
  return h(
    "div",
    { class: "freshness", "data-testid": "member-freshness", "data-freshness": m.freshness, role: "status" },
    h("span", { class: "dot" }),
    v.say(text, "text"),
  );
}

function progressLine(v: Voice, p: ProgressModel): HTMLElement {
  const fill = h("div", { class: "progress-fill" });
  fill.style.width = `${p.percent}%`;
  return h(
    "div",
    { class: "progress", "data-testid": "member-progress", "data-percent": String(p.percent) },
    h("div", { class: "progress-track" }, fill),
    h("div", { class: "progress-text", "data-testid": "member-progress-text" }, v.say(p.text)),
  );
}

export function refusalScreen(v: Voice, m: RefusalModel): HTMLElement {
  return h(
    "section",
    {
      class: "screen screen-refusal",
      "data-testid": "screen-refusal",
      "data-reason": m.reasonCode || undefined,
    },
    icon(WARNING, "head-icon warn"),
    h("div", { class: "refusal-message", "data-testid": "refusal-message", "data-fit-height": "1.25", role: "alert" }, v.say(m.message)),
    cardLine(v, m.card, "refusal-card"),
    v.say(msg("refusal.help"), "refusal-help"),
  );
}

function tile(v: Voice, label: Msg, value: string, testId: string, cls: string, data = false): HTMLElement {
  return h(
    "div",
    { class: `tile ${cls}` },
    v.label(label),
    h("div", { class: "tile-value", "data-testid": testId, "data-fit": "1.1", translate: data ? "no" : undefined }, value),
  );
}

function cardLine(v: Voice, card: string, testId: string): HTMLElement {
  return h(
    "div",
    { class: "card-line" },
    v.label(msg("member.card")),
    h("span", { class: "card-number", "data-testid": testId, translate: "no" }, card),
  );
}

/** Print my statement: the button until it is touched, then the printer's state in its place (one statement per screen). */
function statementPart(v: Voice, s: StatementModel, actions?: RedemptionActions): HTMLElement | null {
  if (s.print) {
    return h(
      "div",
      { class: `print-status statement-status print-${s.print}`, "data-testid": "statement-print-status", "data-state": s.print, role: "status" },
      s.message ? v.say(s.message) : null,
    );
  }
  return actions ? actionButton(v, msg("statement.print"), "member-statement", "secondary", () => actions.printStatement(s.sessionId)) : null;
}
