// Staff mode: the PIN pad after a staff card tap, and the staff home screen. The PIN goes straight to
// the agent (StaffService.EnterPin); the agent answers on the screen stream (error, lockout, home).
import type { Client } from "@connectrpc/connect";
import { h } from "./dom";
import type { StaffService } from "./gen/kiosk/v1/staff_pb";
import { msg, type Msg } from "./i18n/messages";
import type { Voice } from "./i18n/voice";
import type { StaffHomeModel, StaffLoginModel } from "./staffmodel";

export interface StaffActions {
  enterPin(loginId: string, pin: string): Promise<void>;
  cancelLogin(loginId: string): Promise<void>;
  logout(): Promise<void>;
  openFeature(code: string): Promise<void>;
  /** Staff are still at a staff screen (see StaffKeepAlive); answers the session's idle seconds. */
  keepAlive(): Promise<number | undefined>;
}

export class StaffClient implements StaffActions {
  constructor(private readonly client: Client<typeof StaffService>) {}

  async enterPin(loginId: string, pin: string): Promise<void> {
    await this.client.enterPin({ loginId, pin });
  }

  async cancelLogin(loginId: string): Promise<void> {
    await this.client.cancelLogin({ loginId });
  }

  async logout(): Promise<void> {
    await this.client.logout({});
  }

  async openFeature(code: string): Promise<void> {
    await this.client.openStaffFeature({ code });
  }

  async keepAlive(): Promise<number | undefined> {
    return (await this.client.keepSessionAlive({})).idleSeconds;
  }
}

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "enter"] as const;

/** The PIN pad: masked dots, large keys, the agent's error or the lockout's time left. */
export function staffLoginScreen(v: Voice, m: StaffLoginModel, actions?: StaffActions): HTMLElement {
  let pin = "";
  const dots = h("div", { class: "pin-dots", "data-testid": "staff-pin-dots" });
  const drawDots = () => {
    dots.dataset.count = String(pin.length);
    dots.replaceChildren(...Array.from({ length: Math.max(m.minLength, pin.length) }, (_, i) => h("span", { class: i < pin.length ? "pin-dot filled" : "pin-dot" })));
  };
  drawDots();
  const lockedSeconds = m.lockedUntil ? Math.max(0, Math.ceil((m.lockedUntil - Date.now()) / 1000)) : 0;
  const error: Msg | undefined = m.error === "locked" && lockedSeconds > 0 ? msg("staff.locked", { seconds: lockedSeconds }) : m.error === "pin_wrong" ? msg("staff.pinWrong") : undefined;
  const press = (key: (typeof KEYS)[number]) => {
    if (key === "clear") pin = "";
    else if (key === "enter") {
      if (pin.length >= m.minLength && actions) void actions.enterPin(m.loginId, pin).catch(() => undefined);
      pin = "";
    } else if (pin.length < m.maxLength) pin += key;
    drawDots();
  };
  const pad = h(
    "div",
    { class: "pin-pad", "data-testid": "staff-pin-pad" },
    ...KEYS.map((key) => {
      const label = key === "clear" ? v.primary.text(msg("staff.clear")) : key === "enter" ? v.primary.text(msg("staff.enter")) : key;
      const button = h("button", { type: "button", class: `pin-key pin-key-${key}`, "data-testid": `staff-pin-key-${key}` }, label);
      button.addEventListener("click", () => press(key));
      return button;
    }),
  );
  const cancel = h("button", { type: "button", class: "action secondary", "data-testid": "staff-login-cancel" }, v.primary.text(msg("staff.cancel")));
  cancel.addEventListener("click", () => void actions?.cancelLogin(m.loginId).catch(() => undefined));
  return h(
    "section",
    { class: "screen screen-staff-login", "data-testid": "screen-staff-login", "data-error": m.error || undefined },
    h(
      "div",
      { class: "staff-login-info" },
      h("h1", { class: "staff-title" }, v.say(msg("staff.loginTitle"))),
      h("div", { class: "card-number", translate: "no" }, m.card),
      dots,
      error ? h("div", { class: "staff-error", "data-testid": "staff-login-error", role: "alert" }, v.say(error)) : null,
      cancel,
    ),
    pad,
  );
}

/** Who is logged in, the features they may open (the agent's list), and log out. */
export function staffHomeScreen(v: Voice, m: StaffHomeModel, actions?: StaffActions): HTMLElement {
  const features = m.features.map((f) => {
    const known = ["check_in", "draw", "vouchers"].includes(f.code);
    const label = known ? v.say(msg(`staff.feature.${f.code}` as "staff.feature.draw")) : h("span", { translate: "no" }, f.label);
    const button = h("button", { type: "button", class: "staff-feature", "data-testid": `staff-feature-${f.code}`, "data-available": String(f.available) }, label);
    if (!f.available) button.setAttribute("aria-disabled", "true");
    button.addEventListener("click", () => void actions?.openFeature(f.code).catch(() => undefined));
    return button;
  });
  const logout = h("button", { type: "button", class: "action secondary", "data-testid": "staff-logout" }, v.primary.text(msg("staff.logout")));
  logout.addEventListener("click", () => void actions?.logout().catch(() => undefined));
  return h(
    "section",
    { class: "screen screen-staff-home", "data-testid": "screen-staff-home", "data-role": m.role },
    h("h1", { class: "staff-title", "data-fit": "1.4" }, v.say(msg("staff.homeTitle", { name: m.name }))),
    m.notice ? h("div", { class: "notice", role: "status", "data-testid": "staff-notice" }, v.say(msg("staff.notReady"))) : null,
    h("div", { class: "staff-features", "data-testid": "staff-features" }, ...features),
    logout,
  );
}
