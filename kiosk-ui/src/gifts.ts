// The gift redemption screens and the member screen's gift button. Every button calls the agent
// (GiftRedemption); the agent answers by changing the screen, so nothing here keeps state.
import "./gifts.css";
import { h, icon } from "./dom";
import type {
  GiftListModel,
  GiftOptionModel,
  MemberRedemptionModel,
  RedeemConfirmModel,
  RedeemDoneModel,
} from "./giftsmodel";
import { msg, type Msg } from "./i18n/messages";
import type { Voice } from "./i18n/voice";
import { CHECK, GIFT, WARNING } from "./icons";

/** What the gift screens ask the agent to do. Failures are swallowed: the agent owns the screen. */
export interface RedemptionActions {
  openGifts(sessionId: string): Promise<void>;
  chooseGift(sessionId: string, giftCode: string): Promise<void>;
  confirm(sessionId: string, giftCode: string): Promise<void>;
  leave(sessionId: string, finish: boolean): Promise<void>;
  /** Print my statement (KioskUi.PrintStatement); its state follows on the member screen. */
  printStatement(sessionId: string): Promise<void>;
}

/** A touch button that runs one agent call at a time and shows it is busy meanwhile. */
export function actionButton(v: Voice, text: Msg, testId: string, cls: string, run: () => Promise<void>): HTMLButtonElement {
  const button = h("button", { type: "button", class: `action ${cls}`, "data-testid": testId }, v.label(text));
  button.addEventListener("click", () => {
    if (button.classList.contains("busy")) return;
    button.classList.add("busy");
    run()
      .catch(() => undefined)
      .finally(() => button.classList.remove("busy"));
  });
  return button;
}

/** Notices of rejected redemptions and the gift button, for the member screen. */
export function memberRedemptionPart(v: Voice, m: MemberRedemptionModel, actions?: RedemptionActions): HTMLElement {
  const part = h("div", { class: "member-redemption" });
  for (const notice of m.notices) {
    part.append(
      h(
        "div",
        { class: "redemption-notice", "data-testid": "member-notice", role: "alert" },
        icon(WARNING, "notice-icon"),
        v.say(notice, "notice-text"),
      ),
    );
  }
  const sessionId = m.sessionId;
  if (sessionId && actions) {
    part.append(actionButton(v, msg("member.redeem"), "member-redeem", "primary", () => actions.openGifts(sessionId)));
  }
  return part;
}

function pointsPill(v: Voice, label: Msg, value: bigint, testId: string): HTMLElement {
  return h("div", { class: "points-pill" }, v.label(label), h("span", { class: "points-value", "data-testid": testId }, v.int(value)));
}

function offlineBanner(v: Voice, testId: string): HTMLElement {
  return h("div", { class: "offline-banner", "data-testid": testId }, v.say(msg("gifts.offline")));
}

function giftCard(v: Voice, g: GiftOptionModel, sessionId: string, actions?: RedemptionActions): HTMLElement {
  // A div, not a button: buttons centre their content vertically, which pushes a long name out of the card.
  const card = h(
    "div",
    {
      role: "button",
      class: g.eligible ? "gift" : "gift ineligible",
      "data-testid": `gift-${g.code}`,
      "data-eligible": g.eligible ? "true" : "false",
      "data-reason": g.reasonCode || undefined,
      "aria-disabled": g.eligible ? undefined : "true",
    },
    icon(GIFT, "gift-icon"),
    h("div", { class: "gift-name", translate: "no" }, g.name),
    h(
      "div",
      { class: "gift-price" },
      h("span", { class: "gift-price-value" }, v.int(g.price)),
      v.say(msg("gifts.pointsUnit"), "gift-price-unit"),
    ),
    g.eligible || !g.reason
      ? v.say(msg("gifts.stock", { n: g.stock }), "gift-stock")
      : v.say(g.reason, "gift-reason", { "data-testid": `gift-reason-${g.code}` }),
  );
  if (g.eligible && actions) {
    card.addEventListener("click", () => {
      if (card.classList.contains("busy")) return;
      card.classList.add("busy");
      actions
        .chooseGift(sessionId, g.code)
        .catch(() => undefined)
        .finally(() => card.classList.remove("busy"));
    });
  }
  return card;
}

export function giftListScreen(v: Voice, m: GiftListModel, actions?: RedemptionActions): HTMLElement {
  const grid =
    m.gifts.length > 0
      ? h("div", { class: "gift-grid", "data-testid": "gift-grid", "data-scrolls": "" }, ...m.gifts.map((g) => giftCard(v, g, m.sessionId, actions)))
      : null;
  const paging = grid ? pageButtons(v, grid) : [];
  return h(
    "section",
    { class: "screen screen-gifts", "data-testid": "screen-gifts" },
    h(
      "div",
      { class: "gifts-head" },
      h("div", { class: "gifts-title" }, v.label(msg("gifts.title"), "title"), h("span", { class: "who", translate: "no" }, m.name)),
      pointsPill(v, msg("gifts.available"), m.available, "gifts-available-points"),
    ),
    m.offline ? offlineBanner(v, "gifts-offline") : null,
    m.notice
      ? h("div", { class: "gifts-notice", "data-testid": "gifts-notice", "data-reason": m.noticeCode || undefined, role: "alert" }, v.say(m.notice))
      : null,
    grid ?? h("div", { class: "gifts-empty", "data-testid": "gifts-empty" }, v.say(msg("gifts.empty"))),
    h(
      "div",
      { class: "actions" },
      paging[0],
      actions ? actionButton(v, msg("gifts.back"), "gifts-back", "secondary", () => actions.leave(m.sessionId, false)) : null,
      paging[1],
    ),
  );
}

/**
 * Page buttons for a list that scrolls: shown only while the list does not fit, each disabled at
 * its end. A swipe scrolls the list too; the buttons are for those who do not think of swiping.
 */
function pageButtons(v: Voice, list: HTMLElement): [HTMLButtonElement, HTMLButtonElement] {
  const page = (direction: number) => async () => {
    list.scrollBy({ top: direction * Math.max(1, list.clientHeight * 0.9) });
  };
  const prev = actionButton(v, msg("gifts.prev"), "gifts-prev", "secondary page", page(-1));
  const next = actionButton(v, msg("gifts.next"), "gifts-next", "secondary page", page(1));
  const update = () => {
    const overflow = list.scrollHeight > list.clientHeight + 1;
    prev.hidden = next.hidden = !overflow;
    prev.disabled = list.scrollTop <= 1;
    next.disabled = list.scrollTop + list.clientHeight >= list.scrollHeight - 1;
  };
  list.addEventListener("scroll", update, { passive: true });
  new ResizeObserver(update).observe(list);
  return [prev, next];
}

export function redeemConfirmScreen(v: Voice, m: RedeemConfirmModel, actions?: RedemptionActions): HTMLElement {
  return h(
    "section",
    { class: "screen screen-redeem-confirm", "data-testid": "screen-redeem-confirm" },
    v.label(msg("confirm.title"), "title"),
    h("div", { class: "confirm-gift", "data-testid": "confirm-gift-name", translate: "no" }, m.giftName),
    h(
      "div",
      { class: "confirm-points" },
      figure(v, msg("confirm.before"), v.int(m.before), "confirm-points-before"),
      h("div", { class: "confirm-minus" }, `− ${v.int(m.price)}`),
      figure(v, msg("confirm.after"), v.int(m.after), "confirm-points-after"),
    ),
    m.offline ? offlineBanner(v, "confirm-offline") : null,
    h(
      "div",
      { class: "actions" },
      actions ? actionButton(v, msg("confirm.back"), "confirm-back", "secondary", () => actions.openGifts(m.sessionId)) : null,
      actions ? actionButton(v, msg("confirm.ok"), "confirm-redeem", "primary", () => actions.confirm(m.sessionId, m.giftCode)) : null,
    ),
  );
}

function figure(v: Voice, label: Msg, value: string, testId: string, data = false): HTMLElement {
  return h(
    "div",
    { class: "confirm-figure" },
    v.label(label),
    h("div", { class: "figure-value", "data-testid": testId, translate: data ? "no" : undefined }, value),
  );
}

export function redeemDoneScreen(v: Voice, m: RedeemDoneModel, actions?: RedemptionActions): HTMLElement {
  return h(
    "section",
    { class: "screen screen-redeem-done", "data-testid": "screen-redeem-done" },
    h(
      "div",
      { class: "done-head" },
      icon(CHECK, "head-icon ok"),
      h("div", {}, v.label(msg("done.title"), "title"), h("div", { class: "done-gift", "data-testid": "done-gift-name", translate: "no" }, m.giftName)),
    ),
    h(
      "div",
      { class: "done-figures" },
      figure(v, msg("done.spent"), v.int(m.spent), "done-points-spent"),
      figure(v, msg("done.left"), v.int(m.left), "done-points-left"),
      figure(v, msg("done.voucher"), m.voucherCode, "done-voucher-code", true),
    ),
    h(
      "div",
      { class: `print-status print-${m.print}`, "data-testid": "done-print-status", "data-state": m.print, role: "status" },
      m.printMessage ? v.say(m.printMessage) : null,
    ),
    m.offline ? offlineBanner(v, "done-offline") : null,
    h(
      "div",
      { class: "actions" },
      actions ? actionButton(v, msg("done.finish"), "done-finish", "primary", () => actions.leave(m.sessionId, true)) : null,
    ),
  );
}
