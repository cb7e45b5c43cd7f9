// The DOM side: draws whatever the controller hands it, in the kiosk's language(s). Stable
// data-testid hooks are part of the contract with the end-to-end tests (see README).
import { type CheckInActions, checkInFeedScreen, checkInPickerScreen } from "./checkin";
import type { ConnectionState, KioskView } from "./controller";
import { Dimmer } from "./dimmer";
import { type DrawActions, drawStageScreen } from "./drawstage";
import { type DrawSetupActions, drawSetupScreen } from "./drawsetup";
import { type EnrollmentActions, enrollmentScreen } from "./enrollment";
import { fitText, h, icon } from "./dom";
import { giftListScreen, type RedemptionActions, redeemConfirmScreen, redeemDoneScreen } from "./gifts";
import type { DemoCard, KioskInfo } from "./gen/kiosk/v1/kiosk_ui_pb";
import { msg } from "./i18n/messages";
import { type LanguageMode, parseLanguageMode } from "./i18n/translator";
import { Voice } from "./i18n/voice";
import { TAP_CARD } from "./icons";
import { idleScreen, memberScreen, refusalScreen } from "./screens";
import { type StaffActions, staffHomeScreen, staffLoginScreen } from "./staff";
import { StaffKeepAlive } from "./staffkeepalive";
import { type Countdown, remainingFraction } from "./timing";
import type { LinkModel, ViewModel } from "./viewmodel";
import { type VoucherActions, voucherDeskScreen } from "./vouchers";

/** The language switch's cycle, starting from the configured mode, and what each step is called (in its own language). */
const SWITCH_NAMES: Record<LanguageMode, string> = { "zh-CN": "中文", en: "English", bilingual: "中文 + English" };

export class DomView implements KioskView {
  private readonly stage: HTMLElement;
  private readonly status: HTMLElement;
  private readonly brand: HTMLElement;
  private readonly kioskLine: HTMLElement;
  private readonly clockTime: HTMLElement;
  /** What the clock shows, and in which voice: it is redrawn only when either changes. */
  private clockShows = "";
  private clockVoice: Voice | undefined;
  private readonly clockDate: HTMLElement;
  private readonly languageSwitch: HTMLButtonElement;
  private readonly dimmer: Dimmer;
  private demoPanel: HTMLElement | undefined;
  private demoKey = "";
  private countdownTimer: ReturnType<typeof setInterval> | undefined;
  private screen: HTMLElement | undefined;
  private info: KioskInfo | undefined;
  private connection: ConnectionState = "connecting";
  private link: LinkModel = { offline: false };
  /** The offline banner, the stage's first row while central is out of reach. */
  private banner: HTMLElement | undefined;
  private configured: LanguageMode = "zh-CN";
  private voice = new Voice("zh-CN");
  /** What is on screen, so a language switch can draw it again; the countdown keeps its end. */
  private shown: { model: ViewModel; countdown?: { totalMs: number; endsAt: number } } | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly onTap: (card: DemoCard) => Promise<void>,
    private readonly redemption?: RedemptionActions,
    private readonly draws?: DrawActions & DrawSetupActions,
    private readonly vouchers?: VoucherActions,
    private readonly checkIn?: CheckInActions,
    private readonly staff?: StaffActions,
    private readonly enrollment?: EnrollmentActions,
  ) {
    this.clockTime = h("div", { class: "clock-time", "data-testid": "clock" });
    this.clockDate = h("div", { class: "clock-date" });
    this.brand = h("div", { class: "brand-title" });
    this.kioskLine = h("div", { class: "kiosk-line" });
    this.status = h("div", { class: "connection", "data-testid": "connection-status", role: "status" });
    this.languageSwitch = h("button", { type: "button", class: "language-switch", "data-testid": "language-switch", translate: "no" });
    this.languageSwitch.addEventListener("click", () => this.setLanguage(this.nextLanguage()));
    this.stage = h("main", { class: "stage" });
    root.replaceChildren(
      h(
        "header",
        { class: "topbar" },
        h("div", { class: "brand" }, this.brand, this.kioskLine),
        this.status,
        h("div", { class: "topbar-end" }, this.languageSwitch, h("div", { class: "clock" }, this.clockTime, this.clockDate)),
      ),
      this.stage,
    );
    this.dimmer = new Dimmer(root);
    // A touch on a staff screen keeps the staff session open, also where the screen asks the agent nothing.
    const keepAlive = new StaffKeepAlive(() => this.staff?.keepAlive() ?? Promise.resolve(undefined));
    root.addEventListener("pointerdown", () => keepAlive.touched(this.shown?.model.kind), { capture: true, passive: true });
    this.setLanguage("zh-CN");
    // A rotated or resized display gets its text fitted again.
    new ResizeObserver(() => this.fit()).observe(this.stage);
    setInterval(() => this.tick(), 1000);
  }

  showScreen(model: ViewModel, countdown?: Countdown): void {
    // A member's session is over: the next member starts in the kiosk's own language.
    if (model.kind === "idle" && this.shown && this.shown.model.kind !== "idle" && this.voice.mode !== this.configured) {
      this.voice = new Voice(this.configured);
      this.drawFrame();
    }
    this.shown = { model, countdown: countdown && { totalMs: countdown.totalMs, endsAt: Date.now() + countdown.remainingMs } };
    if (model.kind === "idle") this.dimmer.showingIdle(model.dimAfterSeconds);
    else this.dimmer.showingOther();
    this.draw();
  }

  setConnection(state: ConnectionState): void {
    this.connection = state;
    this.status.dataset.state = state;
    this.status.replaceChildren(h("span", { class: "dot" }), this.voice.say(msg(`connection.${state}`), "text"));
  }

  setLink(link: LinkModel): void {
    if (link.offline === this.link.offline && link.dataAsOf?.getTime() === this.link.dataAsOf?.getTime()) return;
    this.link = link;
    this.drawBanner();
    this.fit();
  }

  /** "离线 · 数据截至 …" over every screen, in its own row: it takes room, it never covers. */
  private drawBanner(): void {
    const link = this.link;
    const banner = link.offline
      ? h(
          "div",
          { class: "link-banner", "data-testid": "offline-banner", role: "status" },
          this.voice.say(link.dataAsOf ? msg("offline.asOf", { at: link.dataAsOf }) : msg("offline.noData"), "offline-text"),
        )
      : undefined;
    if (this.banner && banner) this.banner.replaceWith(banner);
    else if (this.banner) this.banner.remove();
    else if (banner) this.stage.prepend(banner);
    this.banner = banner;
  }

  setKioskInfo(info: KioskInfo): void {
    this.info = info;
    const configured = parseLanguageMode(info.language);
    if (configured !== this.configured) {
      this.configured = configured;
      this.setLanguage(configured);
    } else {
      this.drawKioskLine();
      // The store's name is on the idle screen.
      if (this.shown?.model.kind === "idle") this.draw();
    }

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
    this.drawDemoPanel();
  }

  private nextLanguage(): LanguageMode {
    const cycle: LanguageMode[] = this.configured === "bilingual" ? ["bilingual", "zh-CN", "en"] : [this.configured, this.configured === "en" ? "zh-CN" : "en"];
    const i = cycle.indexOf(this.voice.mode);
    return cycle[(i + 1) % cycle.length]!;
  }

  /** The touch switch (or configuration) changed the language: everything on screen is drawn again in it. */
  private setLanguage(mode: LanguageMode): void {
    this.voice = new Voice(mode);
    this.drawFrame();
    if (this.shown) this.draw();
  }

  private drawFrame(): void {
    const mode = this.voice.mode;
    document.documentElement.lang = mode === "en" ? "en" : "zh-CN";
    this.root.dataset.lang = mode;
    this.languageSwitch.dataset.lang = mode;
    this.languageSwitch.textContent = SWITCH_NAMES[this.nextLanguage()];
    this.brand.replaceChildren(this.voice.label(msg("brand")));
    this.dimmer.setHint(icon(TAP_CARD, "dim-art"), this.voice.say(msg("idle.dimmed"), "dim-text"));
    this.drawKioskLine();
    this.setConnection(this.connection);
    this.drawBanner();
    if (this.demoPanel) this.drawDemoPanel();
    this.tick();
  }

  private drawKioskLine(): void {
    const info = this.info;
    // A technician's line: once, in the first language, even when the screen is bilingual.
    this.kioskLine.textContent = info?.kioskId ? this.voice.primary.text(msg("kiosk.line", { id: info.kioskId, version: info.agentVersion })) : "";
  }

  private draw(): void {
    const shown = this.shown;
    if (!shown) return;
    this.stopCountdown();
    const v = this.voice;
    const model = shown.model;
    let screen: HTMLElement;
    switch (model.kind) {
      case "idle":
        screen = idleScreen(v, model, this.info?.storeName);
        break;
      case "member":
        screen = memberScreen(v, model, this.redemption);
        break;
      case "refusal":
        screen = refusalScreen(v, model);
        break;
      case "gifts":
        screen = giftListScreen(v, model, this.redemption);
        break;
      case "redeem-confirm":
        screen = redeemConfirmScreen(v, model, this.redemption);
        break;
      case "redeem-done":
        screen = redeemDoneScreen(v, model, this.redemption);
        break;
      case "draw-stage":
        screen = drawStageScreen(v, model, this.draws);
        break;
      case "draw-setup":
        screen = drawSetupScreen(v, model, this.draws);
        break;
      case "voucher-desk":
        screen = voucherDeskScreen(v, model, this.vouchers);
        break;
      case "checkin-picker":
        screen = checkInPickerScreen(v, model, this.checkIn);
        break;
      case "checkin-feed":
        screen = checkInFeedScreen(v, model, this.checkIn);
        break;
      case "staff-login":
        screen = staffLoginScreen(v, model, this.staff);
        break;
      case "staff-home":
        screen = staffHomeScreen(v, model, this.staff);
        break;
      case "enrollment":
        screen = enrollmentScreen(v, model, this.enrollment);
        break;
    }
    this.root.dataset.view = model.kind;
    const c = shown.countdown;
    const countdown = c && { totalMs: c.totalMs, remainingMs: Math.max(0, Math.min(c.totalMs, c.endsAt - Date.now())) };
    // The countdown is the stage's second row, under the screen: it never covers what it times.
    this.stage.replaceChildren(...(this.banner ? [this.banner] : []), screen, ...(countdown ? [this.countdownBar(countdown)] : []));
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

  private drawDemoPanel(): void {
    const cards = this.info?.demoCards ?? [];
    const panel = h(
      "nav",
      { class: "demo-panel", "data-testid": "demo-panel", "aria-label": "Demo" },
      this.voice.label(msg("demo.title"), "demo-title"),
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
      { type: "button", class: "demo-tap", "data-testid": `demo-tap-${card.cardUid}`, title: card.cardUid, translate: "no" },
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
    const text = h("div", { class: "countdown-text" });
    const end = Date.now() + c.remainingMs;
    let last = -1;
    const update = () => {
      const seconds = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      if (seconds === last) return;
      last = seconds;
      text.replaceChildren(this.voice.say(msg("countdown", { seconds })));
    };
    update();
    this.countdownTimer = setInterval(update, 250);
    return h("div", { class: "countdown", "data-testid": "countdown" }, h("div", { class: "countdown-track" }, fill), text);
  }

  private stopCountdown(): void {
    if (this.countdownTimer !== undefined) clearInterval(this.countdownTimer);
    this.countdownTimer = undefined;
  }

  /**
   * The clock shows minutes: it is checked every second and the page changes only when what it shows
   * does (or the language), so a resting kiosk does not rebuild its header every second.
   */
  private tick(): void {
    const now = new Date();
    const time = this.voice.primary.clockTime(now);
    const shows = `${time}\n${this.voice.primary.clockDate(now)}`;
    if (shows === this.clockShows && this.voice === this.clockVoice) return;
    this.clockShows = shows;
    this.clockVoice = this.voice;
    this.clockTime.textContent = time;
    this.clockDate.replaceChildren(this.voice.format((t) => t.clockDate(now)));
  }
}
