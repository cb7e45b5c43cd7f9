// Turns a Screen message from the agent into plain strings the renderer shows as they are.
// The agent masks personal data; nothing here unmasks or derives anything personal.
import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { Screen } from "./gen/kiosk/v1/kiosk_ui_pb";
import { formatInteger, formatMoney } from "./format";

/** Shown for a field the agent left empty, so a layout never collapses. */
export const PLACEHOLDER = "—";

export interface IdleModel {
  kind: "idle";
  /** IdleView.greeting; empty when the agent sets none. */
  greeting: string;
}

export interface MemberModel {
  kind: "member";
  name: string;
  level: string;
  balance: string;
  points: string;
  card: string;
}

export interface RefusalModel {
  kind: "refusal";
  reasonCode: string;
  message: string;
  card: string;
}

export type ViewModel = IdleModel | MemberModel | RefusalModel;

export const IDLE: IdleModel = { kind: "idle", greeting: "" };

/** Used only if the agent sends a refusal without a message. */
const FALLBACK_REFUSAL = "暂时无法处理此卡\nThis card cannot be used right now";

const orPlaceholder = (s: string) => (s.trim() === "" ? PLACEHOLDER : s);

/** The view to draw for a screen. A screen without a (known) view draws as idle. */
export function toViewModel(screen: Screen): ViewModel {
  const view = screen.view;
  switch (view.case) {
    case "idle":
      return { kind: "idle", greeting: view.value.greeting.trim() };
    case "member": {
      const m = view.value;
      return {
        kind: "member",
        name: orPlaceholder(m.maskedName),
        level: orPlaceholder(m.level),
        balance: m.balance ? formatMoney(m.balance.amountMinor, m.balance.currency) : PLACEHOLDER,
        points: formatInteger(m.points),
        card: orPlaceholder(m.maskedCard),
      };
    }
    case "refusal": {
      const r = view.value;
      return {
        kind: "refusal",
        reasonCode: r.reasonCode,
        message: r.message.trim() === "" ? FALLBACK_REFUSAL : r.message,
        card: orPlaceholder(r.maskedCard),
      };
    }
    default:
      return IDLE;
  }
}

/** Screen.shown_at in epoch milliseconds, or undefined when the agent did not set it. */
export function shownAtMs(screen: Screen): number | undefined {
  return screen.shownAt ? timestampMs(screen.shownAt) : undefined;
}
