// The gift redemption screens and the member screen's gift button. Every button calls the agent
// (GiftRedemption); the agent answers by changing the screen, so nothing here keeps state.
import "./gifts.css";
import { bilingual, h, icon } from "./dom";
import type {
  GiftListModel,
  GiftOptionModel,
  MemberRedemptionModel,
  RedeemConfirmModel,
  RedeemDoneModel,
} from "./giftsmodel";
import { CHECK, GIFT, WARNING } from "./icons";

/** What the gift screens ask the agent to do. Failures are swallowed: the agent owns the screen. */
export interface RedemptionActions {
  openGifts(sessionId: string): Promise<void>;
  chooseGift(sessionId: string, giftCode: string): Promise<void>;
  confirm(sessionId: string, giftCode: string): Promise<void>;
  leave(sessionId: string, finish: boolean): Promise<void>;
}

/** A touch button that runs one agent call at a time and shows it is busy meanwhile. */
function actionButton(
  zh: string,
  en: string,
  testId: string,
  cls: string,
  run: () => Promise<void>,
): HTMLButtonElement {
  const button = h("button", { type: "button", class: `action ${cls}`, "data-testid": testId }, bilingual(zh, en));
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
export function memberRedemptionPart(m: MemberRedemptionModel, actions?: RedemptionActions): HTMLElement {
  const part = h("div", { class: "member-redemption" });
  for (const notice of m.notices) {
    part.append(
      h(
        "div",
        { class: "redemption-notice", "data-testid": "member-notice", role: "alert" },
        icon(WARNING, "notice-icon"),
        h("div", { class: "notice-text" }, notice),
      ),
    );
  }
  const sessionId = m.sessionId;
  if (sessionId && actions) {
    part.append(
      actionButton("兑换礼品", "Redeem gifts", "member-redeem", "primary", () => actions.openGifts(sessionId)),
    );
  }
  return part;
}

function pointsPill(zh: string, en: string, value: string, testId: string): HTMLElement {
  return h(
    "div",
    { class: "points-pill" },
    bilingual(zh, en, "inline"),
    h("span", { class: "points-value", "data-testid": testId }, value),
  );
}

function offlineBanner(testId: string): HTMLElement {
  return h(
    "div",
    { class: "offline-banner", "data-testid": testId },
    "网络离线：兑换将在联网后由总部确认 · Offline: central confirms this redemption later",
  );
}

function giftCard(g: GiftOptionModel, sessionId: string, actions?: RedemptionActions): HTMLElement {
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
    h("div", { class: "gift-name" }, g.name),
    h(
      "div",
      { class: "gift-price" },
      h("span", { class: "gift-price-value" }, g.price),
      h("span", { class: "gift-price-unit" }, "积分 points"),
    ),
    g.eligible
      ? h("div", { class: "gift-stock" }, `剩余 ${g.stock} 件 · ${g.stock} left`)
      : h("div", { class: "gift-reason", "data-testid": `gift-reason-${g.code}` }, g.reason),
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

export function giftListScreen(m: GiftListModel, actions?: RedemptionActions): HTMLElement {
  const grid =
    m.gifts.length > 0
      ? h("div", { class: "gift-grid", "data-testid": "gift-grid", "data-scrolls": "" }, ...m.gifts.map((g) => giftCard(g, m.sessionId, actions)))
      : null;
  const paging = grid ? pageButtons(grid) : [];
  return h(
    "section",
    { class: "screen screen-gifts", "data-testid": "screen-gifts" },
    h(
      "div",
      { class: "gifts-head" },
      h("div", { class: "gifts-title" }, bilingual("兑换礼品", "Redeem gifts", "title"), h("span", { class: "who" }, m.name)),
      pointsPill("可用积分", "Points", m.available, "gifts-available-points"),
    ),
    m.offline ? offlineBanner("gifts-offline") : null,
    m.notice
      ? h("div", { class: "gifts-notice", "data-testid": "gifts-notice", "data-reason": m.noticeCode || undefined, role: "alert" }, m.notice)
      : null,
    grid ?? h("div", { class: "gifts-empty", "data-testid": "gifts-empty" }, "暂无可兑换礼品 · No gifts available right now"),
    h(
      "div",
      { class: "actions" },
      paging[0],
      actions ? actionButton("返回", "Back", "gifts-back", "secondary", () => actions.leave(m.sessionId, false)) : null,
      paging[1],
    ),
  );
}

/**
 * Page buttons for a list that scrolls: shown only while the list does not fit, each disabled at
 * its end. A swipe scrolls the list too; the buttons are for those who do not think of swiping.
 */
function pageButtons(list: HTMLElement): [HTMLButtonElement, HTMLButtonElement] {
  const page = (direction: number) => async () => {
    list.scrollBy({ top: direction * Math.max(1, list.clientHeight * 0.9) });
  };
  const prev = actionButton("上一页", "Previous", "gifts-prev", "secondary page", page(-1));
  const next = actionButton("下一页", "Next", "gifts-next", "secondary page", page(1));
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

export function redeemConfirmScreen(m: RedeemConfirmModel, actions?: RedemptionActions): HTMLElement {
  return h(
    "section",
    { class: "screen screen-redeem-confirm", "data-testid": "screen-redeem-confirm" },
    bilingual("确认兑换", "Confirm redemption", "title"),
    h("div", { class: "confirm-gift", "data-testid": "confirm-gift-name" }, m.giftName),
    h(
      "div",
      { class: "confirm-points" },
      confirmFigure("当前积分", "Points now", m.before, "confirm-points-before"),
      h("div", { class: "confirm-minus" }, `− ${m.price}`),
      confirmFigure("兑换后", "After", m.after, "confirm-points-after"),
    ),
    m.offline ? offlineBanner("confirm-offline") : null,
    h(
      "div",
      { class: "actions" },
      actions ? actionButton("返回", "Back", "confirm-back", "secondary", () => actions.openGifts(m.sessionId)) : null,
      actions ? actionButton("确认兑换", "Confirm", "confirm-redeem", "primary", () => actions.confirm(m.sessionId, m.giftCode)) : null,
    ),
  );
}

function confirmFigure(zh: string, en: string, value: string, testId: string): HTMLElement {
  return h("div", { class: "confirm-figure" }, bilingual(zh, en), h("div", { class: "figure-value", "data-testid": testId }, value));
}

export function redeemDoneScreen(m: RedeemDoneModel, actions?: RedemptionActions): HTMLElement {
  return h(
    "section",
    { class: "screen screen-redeem-done", "data-testid": "screen-redeem-done" },
    h(
      "div",
      { class: "done-head" },
      icon(CHECK, "head-icon ok"),
      h("div", {}, bilingual("兑换成功", "Redeemed", "title"), h("div", { class: "done-gift", "data-testid": "done-gift-name" }, m.giftName)),
    ),
    h(
      "div",
      { class: "done-figures" },
      confirmFigure("消耗积分", "Spent", m.spent, "done-points-spent"),
      confirmFigure("剩余积分", "Left", m.left, "done-points-left"),
      confirmFigure("凭证号", "Voucher", m.voucherCode, "done-voucher-code"),
    ),
    h("div", { class: `print-status print-${m.print}`, "data-testid": "done-print-status", "data-state": m.print, role: "status" }, m.printMessage),
    m.offline ? offlineBanner("done-offline") : null,
    h(
      "div",
      { class: "actions" },
      actions ? actionButton("完成", "Done", "done-finish", "primary", () => actions.leave(m.sessionId, true)) : null,
    ),
  );
}
