// The staff voucher desk (核销): a keypad for the voucher code (large keys; a keyboard-wedge
// scanner typing a KV1 QR works too), the voucher card with its state, "mark used" behind a
// confirmation, and the refusal with when and where it was used. The agent owns the screen
// (VoucherService); the only state here is what is being typed and whether the confirm shows.
import "./vouchers.css";
import type { Client } from "@connectrpc/connect";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { h, icon } from "./dom";
import { actionButton } from "./gifts";
import { type VoucherCard, type VoucherDeskView, VoucherState, type VoucherService } from "./gen/kiosk/v1/vouchers_pb";
import { msg, type Msg } from "./i18n/messages";
import type { Voice } from "./i18n/voice";
import { CHECK, GIFT, WARNING } from "./icons";

/** The voucher code's symbols (VoucherCode.Alphabet in the agent: no 0, 1, I, L, O, U). */
export const VOUCHER_KEYS = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_SYMBOLS = 8;
const MAX_TYPED = 128;

export type VoucherStateName = "valid" | "used" | "rejected" | "unknown" | "expired" | "uncheckable";

export interface VoucherCardModel {
  code: string;
  state: VoucherStateName;
  usedNow: boolean;
  gift: string;
  member: string;
  issuedAt?: Date;
  issuedKiosk: string;
  validUntil: string;
  reasonCode: string;
  /** What the state means, with when/where/who for a used voucher. */
  status: Msg;
  checkedWithCentral: boolean;
}

export interface VoucherDeskModel {
  kind: "voucher-desk";
  staff: string;
  voucher?: VoucherCardModel;
  noticeCode: string;
  notice?: Msg;
}

/** What the desk asks the agent to do. Failures are swallowed: the agent shows the outcome. */
export interface VoucherActions {
  /** The empty desk again (the next voucher). */
  open(): Promise<void>;
  lookup(code: string): Promise<void>;
  markUsed(code: string): Promise<void>;
  close(): Promise<void>;
}

export class VoucherClient implements VoucherActions {
  constructor(private readonly client: Client<typeof VoucherService>) {}

  async open(): Promise<void> {
    await this.client.openVoucherDesk({});
  }

  async lookup(code: string): Promise<void> {
    await this.client.lookupVoucher({ code });
  }

  async markUsed(code: string): Promise<void> {
    await this.client.markVoucherUsed({ code });
  }

  async close(): Promise<void> {
    await this.client.closeVoucherDesk({});
  }
}

const STATES: Record<number, VoucherStateName> = {
  [VoucherState.VALID]: "valid",
  [VoucherState.USED]: "used",
  [VoucherState.REJECTED]: "rejected",
  [VoucherState.UNKNOWN]: "unknown",
  [VoucherState.EXPIRED]: "expired",
  [VoucherState.UNCHECKABLE]: "uncheckable",
};

export function voucherDeskModel(view: VoucherDeskView): VoucherDeskModel {
  return {
    kind: "voucher-desk",
    staff: view.staffName,
    voucher: view.voucher ? voucherCardModel(view.voucher) : undefined,
    noticeCode: view.noticeCode,
    notice: view.noticeCode === "voucher_code_invalid" ? msg("voucher.invalidCode") : view.notice ? msg("raw", { text: view.notice }) : undefined,
  };
}

function voucherCardModel(c: VoucherCard): VoucherCardModel {
  const state = STATES[c.state] ?? "unknown";
  return {
    code: c.code,
    state,
    usedNow: c.usedNow,
    gift: c.giftName,
    member: c.maskedMember,
    issuedAt: c.issuedAt ? new Date(timestampMs(c.issuedAt)) : undefined,
    issuedKiosk: c.issuedKioskId,
    validUntil: c.validUntil,
    reasonCode: c.reasonCode,
    status: statusOf(c, state),
    checkedWithCentral: c.checkedWithCentral,
  };
}

function statusOf(c: VoucherCard, state: VoucherStateName): Msg {
  if (c.usedNow) return msg("voucher.usedNow");
  if (c.reasonCode === "journal_unavailable") return msg("voucher.journal");
  switch (state) {
    case "valid":
      return msg("voucher.valid");
    case "used":
      return c.usedAt
        ? msg("voucher.used", { at: new Date(timestampMs(c.usedAt)), kiosk: c.usedKioskId || "—", by: c.usedBy || "—" })
        : msg("voucher.usedSomewhere");
    case "rejected":
      return msg("voucher.rejected");
    case "expired":
      return msg("voucher.expired", { day: c.validUntil });
    case "uncheckable":
      return c.reasonCode === "central_offline" ? msg("voucher.offline") : msg("voucher.noAnswer");
    default:
      return msg("voucher.unknown");
  }
}

/** What is being typed, kept across redraws (a language switch, the offline banner) until it is sent. */
const entry = { text: "" };

export function voucherDeskScreen(v: Voice, m: VoucherDeskModel, actions?: VoucherActions): HTMLElement {
  const screen = h(
    "section",
    { class: "screen screen-voucher-desk", "data-testid": "screen-voucher-desk", "data-state": m.voucher ? (m.voucher.usedNow ? "used-now" : m.voucher.state) : "entry" },
    h(
      "div",
      { class: "desk-head" },
      v.label(msg("voucher.title"), "title"),
      h(
        "div",
        { class: "desk-staff" },
        m.staff ? v.say(msg("voucher.staff", { name: m.staff }), "", { "data-testid": "voucher-staff" }) : null,
        m.voucher ? v.say(msg(m.voucher.checkedWithCentral ? "voucher.checkedCentral" : "voucher.checkedHere"), "desk-source", { "data-testid": "voucher-source" }) : null,
      ),
    ),
    m.voucher ? voucherCard(v, m.voucher, actions) : keypad(v, m, actions),
  );
  return screen;
}

function keypad(v: Voice, m: VoucherDeskModel, actions?: VoucherActions): HTMLElement {
  const display = h("div", { class: "code-display", "data-testid": "voucher-code-entry", translate: "no", "aria-live": "polite" });
  const show = () => {
    display.replaceChildren(...shownCode(entry.text));
    display.dataset.complete = isComplete(entry.text) ? "true" : "false";
  };
  const type = (key: string) => {
    const symbols = entry.text.replace(/-/g, "");
    if (entry.text.startsWith("KV") || symbols.length >= CODE_SYMBOLS) return;
    entry.text = symbols.length === 3 ? `${symbols}${key}-` : `${entry.text}${key}`;
    if (entry.text.replace(/-/g, "").length === CODE_SYMBOLS) entry.text = entry.text.replace(/-$/, "");
    show();
  };
  const keys = h(
    "div",
    { class: "keypad", "data-testid": "voucher-keypad" },
    ...[...VOUCHER_KEYS].map((k) => key(k, `voucher-key-${k}`, () => type(k))),
    key("⌫", "voucher-key-delete", () => {
      entry.text = entry.text.replace(/-?.$/, "");
      show();
    }, "删除 Delete"),
    key("✕", "voucher-key-clear", () => {
      entry.text = "";
      show();
    }, "清空 Clear"),
  );
  show();
  const lookup = actions
    ? actionButton(v, msg("voucher.lookup"), "voucher-lookup", "primary", async () => {
        const text = entry.text;
        if (!isComplete(text)) return;
        entry.text = "";
        await actions.lookup(text);
      })
    : null;
  return h(
    "div",
    { class: "desk-entry" },
    h(
      "div",
      { class: "entry-row" },
      h(
        "div",
        { class: "entry-code" },
        display,
        m.notice
          ? h("div", { class: "entry-label desk-notice", "data-testid": "voucher-notice", "data-reason": m.noticeCode || undefined, role: "alert" }, v.say(m.notice))
          : v.say(msg("voucher.enter"), "entry-label"),
      ),
      lookup,
      actions ? actionButton(v, msg("voucher.close"), "voucher-close", "secondary", () => actions.close()) : null,
    ),
    keys,
  );
}

/** A keypad key; the two editing keys show a symbol and are named for screen readers in both languages. */
function key(text: string, testId: string, press: () => void, name?: string): HTMLButtonElement {
  const button = h("button", { type: "button", class: name ? "key key-edit" : "key", "data-testid": testId, translate: "no", "aria-label": name }, text);
  button.addEventListener("click", press);
  return button;
}

/** "K7Q" → K 7 Q _ - _ _ _ _; a scanned QR shows only its start. */
function shownCode(text: string): HTMLElement[] {
  if (text.startsWith("KV")) return [h("span", { class: "code-scanned" }, `${text.slice(0, 4)}…`)];
  const symbols = text.replace(/-/g, "").padEnd(CODE_SYMBOLS, "·");
  return [h("span", { class: "code-text" }, `${symbols.slice(0, 4)}-${symbols.slice(4)}`)];
}

function isComplete(text: string): boolean {
  return text.startsWith("KV1:") || text.replace(/-/g, "").length === CODE_SYMBOLS;
}

function voucherCard(v: Voice, c: VoucherCardModel, actions?: VoucherActions): HTMLElement {
  const ok = c.state === "valid" || c.usedNow;
  const facts = h(
    "div",
    { class: "voucher-facts" },
    fact(v, msg("voucher.code"), c.code, "voucher-code"),
    fact(v, msg("voucher.gift"), c.gift || "—", "voucher-gift"),
    fact(v, msg("voucher.member"), c.member || "—", "voucher-member"),
    c.issuedAt ? factMsg(v, msg("voucher.issued"), msg("voucher.issuedAt", { at: c.issuedAt, kiosk: c.issuedKiosk || "—" }), "voucher-issued") : null,
    c.validUntil ? factMsg(v, msg("voucher.validUntil"), msg("voucher.day", { day: c.validUntil }), "voucher-valid-until") : null,
  );
  const actionRow = h("div", { class: "actions", "data-testid": "voucher-actions" });
  const normalActions = () => {
    actionRow.replaceChildren(
      ...(actions
        ? [
            actionButton(v, msg("voucher.another"), "voucher-another", "secondary", async () => {
              entry.text = "";
              await actions.open();
            }),
            c.state === "valid" && !c.usedNow
              ? actionButton(v, msg("voucher.markUsed"), "voucher-mark-used", "primary", async () => confirmActions())
              : null,
            actionButton(v, msg("voucher.close"), "voucher-close", "secondary", () => actions.close()),
          ].filter((b): b is HTMLButtonElement => b !== null)
        : []),
    );
  };
  const confirmActions = () => {
    if (!actions) return;
    actionRow.replaceChildren(
      h("div", { class: "confirm-question", "data-testid": "voucher-confirm", role: "alertdialog" }, v.say(msg("voucher.confirm"))),
      actionButton(v, msg("voucher.cancel"), "voucher-confirm-no", "secondary", async () => normalActions()),
      actionButton(v, msg("voucher.confirmYes"), "voucher-confirm-yes", "primary", () => actions.markUsed(c.code)),
    );
  };
  normalActions();
  return h(
    "div",
    { class: `voucher-card voucher-${c.usedNow ? "used-now" : c.state}`, "data-testid": "voucher-card", "data-state": c.state, "data-reason": c.reasonCode || undefined },
    h(
      "div",
      { class: "voucher-status", "data-testid": "voucher-status", role: ok ? "status" : "alert" },
      icon(c.usedNow ? CHECK : ok ? GIFT : WARNING, `head-icon ${ok ? "ok" : "warn"}`),
      v.say(c.status, "status-text", { "data-fit-height": "1.2" }),
    ),
    facts,
    actionRow,
  );
}

function fact(v: Voice, label: Msg, value: string, testId: string): HTMLElement {
  return h("div", { class: "voucher-fact" }, v.label(label), h("div", { class: "fact-value", "data-testid": testId, translate: "no" }, value));
}

function factMsg(v: Voice, label: Msg, value: Msg, testId: string): HTMLElement {
  return h("div", { class: "voucher-fact" }, v.label(label), h("div", { class: "fact-value", "data-testid": testId }, v.say(value)));
}

/**
 * A keyboard-wedge scanner (or a keyboard) types into the desk: printable keys are added to the
 * entry, Enter looks it up. Only while the desk's keypad is on screen.
 */
export function listenForTypedVouchers(actions: VoucherActions): void {
  const redraw = () => {
    const display = document.querySelector<HTMLElement>('[data-testid="voucher-code-entry"]');
    if (!display) return;
    display.replaceChildren(...shownCode(entry.text));
    display.dataset.complete = isComplete(entry.text) ? "true" : "false";
  };
  document.addEventListener("keydown", (e) => {
    if (!document.querySelector('[data-testid="voucher-keypad"]')) return;
    if (e.key === "Enter") {
      const text = entry.text;
      entry.text = "";
      if (text.trim() !== "") void actions.lookup(text).catch(() => undefined);
      redraw();
      e.preventDefault();
    } else if (e.key === "Backspace") {
      entry.text = entry.text.slice(0, -1);
      redraw();
    } else if (e.key.length === 1 && entry.text.length < MAX_TYPED) {
      entry.text += /[a-z]/.test(e.key) && !entry.text.startsWith("KV1:") ? e.key.toUpperCase() : e.key;
      redraw();
    }
  });
}
