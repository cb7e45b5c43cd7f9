// Turns a Screen message from the agent into plain strings the renderer shows as they are.
// The agent masks personal data; nothing here unmasks or derives anything personal.
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { DataFreshness, type LevelProgressView, type MemberView, type Screen } from "./gen/kiosk/v1/kiosk_ui_pb";
import { formatAsOf, formatInteger, formatMoney } from "./format";
import {
  type GiftViewModel,
  giftListModel,
  memberRedemption,
  type MemberRedemptionModel,
  redeemConfirmModel,
  redeemDoneModel,
} from "./giftsmodel";

/** Shown for a field the agent left empty, so a layout never collapses. */
export const PLACEHOLDER = "—";

export interface IdleModel {
  kind: "idle";
  /** IdleView.greeting; empty when the agent sets none. */
  greeting: string;
}

/** How current balance and points are: being checked with central, live from central, or cached. */
export type Freshness = "checking" | "live" | "cached" | "";

export interface MemberModel {
  kind: "member";
  name: string;
  level: string;
  balance: string;
  points: string;
  card: string;
  /** Way to the next level; undefined when the site has no level table. */
  progress?: ProgressModel;
  /** "500 积分将于 2026-12-31 到期 · …"; empty when nothing expires soon. */
  expiring: string;
  /** The member's birthday week: greet them (生日祝福). */
  birthday: boolean;
  /** The gift button and redemption notices; absent when there is nothing to offer or tell. */
  redemption?: MemberRedemptionModel;
  freshness: Freshness;
  /** Bilingual "as of" line for cached figures; empty when not cached or the time is unknown. */
  asOfZh: string;
  asOfEn: string;
}

export interface ProgressModel {
  current: string;
  /** Empty at the top level. */
  next: string;
  /** "再积 1,200 分升级为 钻石 · 1,200 points to 钻石", or the top-level line. */
  text: string;
  percent: number;
}

export interface RefusalModel {
  kind: "refusal";
  reasonCode: string;
  message: string;
  card: string;
}

export type ViewModel = IdleModel | MemberModel | RefusalModel | GiftViewModel;

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
        progress: toProgress(m.progress),
        expiring: expiringLine(m.expiringPoints, m.expiringOn),
        birthday: m.birthdayWeek,
        redemption: memberRedemption(m),
        ...freshnessOf(m),
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
    case "giftList":
      return giftListModel(view.value);
    case "redemptionConfirm":
      return redeemConfirmModel(view.value);
    case "redemptionDone":
      return redeemDoneModel(view.value);
    default:
      return IDLE;
  }
}

function toProgress(p: LevelProgressView | undefined): ProgressModel | undefined {
  if (!p || (p.currentLevel === "" && p.nextLevel === "")) return undefined;
  const percent = Math.max(0, Math.min(100, p.percent));
  const text =
    p.nextLevel === ""
      ? "已是最高等级 · Top level reached"
      : `再积 ${formatInteger(p.pointsToNext)} 分升级为 ${p.nextLevel} · ${formatInteger(p.pointsToNext)} points to ${p.nextLevel}`;
  return { current: p.currentLevel, next: p.nextLevel, text, percent };
}

function expiringLine(points: bigint, on: string): string {
  if (points <= 0n) return "";
  const n = formatInteger(points);
  return on === "" ? `${n} 积分即将到期 · ${n} points expire soon` : `${n} 积分将于 ${on} 到期 · ${n} points expire on ${on}`;
}

const FRESHNESS: Record<number, Freshness> = {
  [DataFreshness.CHECKING]: "checking",
  [DataFreshness.LIVE]: "live",
  [DataFreshness.CACHED]: "cached",
};

function freshnessOf(m: MemberView): Pick<MemberModel, "freshness" | "asOfZh" | "asOfEn"> {
  const freshness = FRESHNESS[m.freshness] ?? "";
  if (freshness !== "cached" || !m.asOf) return { freshness, asOfZh: "", asOfEn: "" };
  const text = formatAsOf(new Date(timestampMs(m.asOf)));
  return { freshness, asOfZh: text.zh, asOfEn: text.en };
}

/** Screen.shown_at in epoch milliseconds, or undefined when the agent did not set it. */
export function shownAtMs(screen: Screen): number | undefined {
  return screen.shownAt ? timestampMs(screen.shownAt) : undefined;
}
