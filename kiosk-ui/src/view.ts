// The DOM side: draws whatever the controller hands it. Stable data-testid hooks are part of the
// contract with the end-to-end tests (see README).
import type { ConnectionState, KioskView } from "./controller";
import { bilingual, fitText, h, icon } from "./dom";
import { formatClock } from "./format";
import {
  giftListScreen,
  memberRedemptionPart,
  type RedemptionActions,
  redeemConfirmScreen,
  redeemDoneScreen,
} from "./gifts";
import type { DemoCard, KioskInfo } from "./gen/kiosk/v1/kiosk_ui_pb";
import { CHECK, TAP_CARD, WARNING } from "./icons";
import { type Countdown, remainingFraction } from "./timing";
import type { IdleModel, MemberModel, ProgressModel, RefusalModel, ViewModel } from "./viewmodel";

const CONNECTION_TEXT: Record<ConnectionState, [string, string]> = {
  connecting: ["正在连接", "Connecting"],
  online: ["已连接", "Online"],
  reconnecting: ["正在重新连接", "Reconnecting"],
};

export class DomView implements KioskView {
  private readonly stage: HTMLElement;
  private readonly status: HTMLElement;
  private readonly kioskLine: HTMLElement;
  private readonly clockTime: HTMLElement;
  private readonly clockDate: HTMLElement;
  private demoPanel: HTMLElement | undefined;
  private demoKey = "";
  private countdownTimer: ReturnType<typeof setInterval> | undefined;
  private screen: HTMLElement | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly onTap: (card: DemoCard) => Promise<void>,
    private readonly redemption?: RedemptionActions,
  ) {
    this.clockTime = h("div", { class: "clock-time", "data-testid": "clock" });
    this.clockDate = h("div", { class: "clock-date" });
    this.kioskLine = h("div", { class: "kiosk-line" });
    this.status = h("div", { class: "connection", "data-testid": "connection-status", role: "status" });
    this.stage = h("main", { class: "stage" });
    root.replaceChildren(
      h(
        "header",
        { class: "topbar" },
        h(
          "div",
          { class: "brand" },
          bilingual("会员自助服务", "Member Self-Service", "brand-title"),
          this.kioskLine,
        ),
        this.status,
        h("div", { class: "clock" }, this.clockTime, this.clockDate),
      ),
      this.stage,
    );
    this.setConnection("connecting");
    // A rotated or resized display gets its text fitted again.
    new ResizeObserver(() => this.fit()).observe(this.stage);
    this.tick();
    setInterval(() => this.tick(), 1000);
  }

  showScreen(model: ViewModel, countdown?: Countdown): void {
    this.stopCountdown();
    let screen: HTMLElement;
    switch (model.kind) {
      case "idle":
        screen = idleScreen(model);
        break;
      case "member":
        screen = memberScreen(model, this.redemption);
        break;
      case "refusal":
        screen = refusalScreen(model);
        break;
      case "gifts":
        screen = giftListScreen(model, this.redemption);
        break;
      case "redeem-confirm":
        screen = redeemConfirmScreen(model, this.redemption);
        break;
      case "redeem-done":
        screen = redeemDoneScreen(model, this.redemption);
        break;
    }
    this.root.dataset.view = model.kind;
    // The countdown is the stage's second row, under the screen: it never covers what it times.
    this.stage.replaceChildren(screen, ...(countdown ? [this.countdownBar(countdown)] : []));
    this.screen = screen;
    this.fit();
  }

  /** Long names, big balances and wordy messages shrink to fit (then wrap) instead of being cut off. */
  private fit(): void {
    const screen = this.screen;
    if (!screen?.isConnected) return;
    for (const el of screen.querySelectorAll<HTMLElement>("[data-fit]")) {
      fitText(el, Number(el.dataset.fit), "width");
    }
    for (const el of screen.querySelectorAll<HTMLElement>("[data-fit-height]")) {
      fitText(el, Number(el.dataset.fitHeight), "height");
    }
  }

  setConnection(state: ConnectionState): void {
    const [zh, en] = CONNECTION_TEXT[state];
    this.status.dataset.state = state;
    this.status.replaceChildren(
      h("span", { class: "dot" }),
      h("span", { class: "text" }, `${zh} · ${en}`),
    );
  }

  setKioskInfo(info: KioskInfo): void {
    const parts = [info.kioskId && `终端 Kiosk ${info.kioskId}`, info.agentVersion && `v${info.agentVersion}`];
    this.kioskLine.textContent = parts.filter(Boolean).join("  ·  ");

    const cards = info.demoMode ? info.demoCards : [];
    const key = JSON.stringify(cards.map((c) => [c.readerId, c.cardUid, c.label]));
    if (!info.demoMode) {
      // Outside demo mode the panel must not exist at all.
      this.demoPanel?.remove();
      this.demoPanel = undefined;
      this.demoKey = "";
      this.root.classList.remove("has-demo");
      return;
    }
    if (this.demoPanel && key === this.demoKey) return;
    this.demoKey = key;
    const panel = h(
      "nav",
      { class: "demo-panel", "data-testid": "demo-panel", "aria-label": "Demo" },
      bilingual("演示", "Demo", "demo-title"),
      h("div", { class: "demo-cards", "data-scrolls": "" }, ...cards.map((c) => this.demoButton(c))),
    );
    if (this.demoPanel) this.demoPanel.replaceWith(panel);
    else this.root.append(panel);
    this.demoPanel = panel;
    this.root.classList.add("has-demo");
  }

  private demoButton(card: DemoCard): HTMLElement {
    const button = h(
      "button",
      { type: "button", class: "demo-tap", "data-testid": `demo-tap-${card.cardUid}`, title: card.cardUid },
      h("span", { class: "demo-label" }, card.label || card.cardUid),
    );
    button.addEventListener("click", () => {
      if (button.classList.contains("busy")) return;
      button.classList.add("busy");
      button.classList.remove("failed");
      this.onTap(card)
        .catch(() => button.classList.add("failed"))
        .finally(() => button.classList.remove("busy"));
    });
    return button;
  }

  private countdownBar(c: Countdown): HTMLElement {
    const fill = h("div", { class: "countdown-fill" });
    fill.style.transform = `scaleX(${remainingFraction(c)})`;
    // A CSS animation drains the bar smoothly from where it is now to empty.
    fill.style.animationDuration = `${c.remainingMs}ms`;
    const seconds = h("span", { class: "countdown-seconds" });
    const end = Date.now() + c.remainingMs;
    const update = () => {
      seconds.textContent = `${Math.max(0, Math.ceil((end - Date.now()) / 1000))}`;
    };
    update();
    this.countdownTimer = setInterval(update, 250);
    return h(
      "div",
      { class: "countdown", "data-testid": "countdown" },
      h("div", { class: "countdown-track" }, fill),
      h("div", { class: "countdown-text" }, seconds, " 秒后返回首页 · Returning to start"),
    );
  }

  private stopCountdown(): void {
    if (this.countdownTimer !== undefined) clearInterval(this.countdownTimer);
    this.countdownTimer = undefined;
  }

  private tick(): void {
    const c = formatClock(new Date());
    this.clockTime.textContent = c.time;
    this.clockDate.textContent = `${c.dateZh} · ${c.dateEn}`;
  }
}

function idleScreen(m: IdleModel): HTMLElement {
  return h(
    "section",
    { class: "screen screen-idle", "data-testid": "screen-idle" },
    m.greeting ? h("div", { class: "greeting", "data-testid": "idle-greeting" }, m.greeting) : null,
    icon(TAP_CARD, "tap-art"),
    h("h1", { class: "prompt-zh" }, "请刷卡"),
    h("div", { class: "prompt-en" }, "Please tap your card"),
    h("div", { class: "prompt-hint" }, "将会员卡靠近读卡器 · Hold your member card to the reader"),
  );
}

function memberScreen(m: MemberModel, redemption?: RedemptionActions): HTMLElement {
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
        bilingual("欢迎您", "Welcome", "eyebrow"),
        h("div", { class: "member-name", "data-testid": "member-name", "data-fit": "1.6" }, m.name),
      ),
      m.birthday ? birthdayBanner() : null,
    ),
    h(
      "div",
      { class: "tiles" },
      tile("余额", "Balance", m.balance, "member-balance", "tile-balance"),
      tile("积分", "Points", m.points, "member-points", "tile-points"),
      tile("等级", "Level", m.level, "member-level", "tile-level"),
    ),
    m.progress ? progressLine(m.progress) : null,
    m.expiring ? h("div", { class: "notice notice-expiring", "data-testid": "member-expiring", role: "note" }, m.expiring) : null,
    h(
      "div",
      { class: "member-foot" },
      h("div", { class: "member-facts" }, cardLine(m.card, "member-card"), freshnessLine(m)),
      m.redemption ? memberRedemptionPart(m.redemption, redemption) : null,
    ),
  );
}

/** Whether balance and points are live from central or the kiosk's cached copy ("as of" its last sync). */
function freshnessLine(m: MemberModel): HTMLElement | null {
  let zh: string;
  let en: string;
  switch (m.freshness) {
    case "checking":
      [zh, en] = ["正在获取最新数据…", "Getting the latest figures…"];
      break;
    case "live":
      [zh, en] = ["实时数据", "Live"];
      break;
    case "cached":
      [zh, en] = m.asOfZh ? [m.asOfZh, m.asOfEn] : ["本机数据", "Offline data"];
      break;
    default:
      return null;
  }
  return h(
    "div",
    { class: "freshness", "data-testid": "member-freshness", "data-freshness": m.freshness, role: "status" },
    h("span", { class: "dot" }),
    h("span", { class: "text" }, `${zh} · ${en}`),
  );
}

function birthdayBanner(): HTMLElement {
  return h(
    "div",
    { class: "birthday", "data-testid": "member-birthday" },
    h("span", { class: "birthday-zh" }, "生日快乐！"),
    h("span", { class: "birthday-en" }, "Happy birthday!"),
  );
}

function progressLine(p: ProgressModel): HTMLElement {
  const fill = h("div", { class: "progress-fill" });
  fill.style.width = `${p.percent}%`;
  return h(
    "div",
    { class: "progress", "data-testid": "member-progress", "data-percent": String(p.percent) },
    h("div", { class: "progress-track" }, fill),
    h("div", { class: "progress-text", "data-testid": "member-progress-text" }, p.text),
  );
}

function refusalScreen(m: RefusalModel): HTMLElement {
  return h(
    "section",
    {
      class: "screen screen-refusal",
      "data-testid": "screen-refusal",
      "data-reason": m.reasonCode || undefined,
    },
    icon(WARNING, "head-icon warn"),
    h("div", { class: "refusal-message", "data-testid": "refusal-message", "data-fit-height": "1.25", role: "alert" }, m.message),
    cardLine(m.card, "refusal-card"),
    h("div", { class: "refusal-help" }, "如需帮助，请联系工作人员 · Please ask a staff member for help"),
  );
}

function tile(zh: string, en: string, value: string, testId: string, cls: string): HTMLElement {
  return h(
    "div",
    { class: `tile ${cls}` },
    bilingual(zh, en),
    h("div", { class: "tile-value", "data-testid": testId, "data-fit": "1.1" }, value),
  );
}

function cardLine(card: string, testId: string): HTMLElement {
  return h(
    "div",
    { class: "card-line" },
    bilingual("卡号", "Card", "inline"),
    h("span", { class: "card-number", "data-testid": testId }, card),
  );
}
