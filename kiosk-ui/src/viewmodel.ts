// Turns a Screen message from the agent into plain strings the renderer shows as they are.
// The agent masks personal data; nothing here unmasks or derives anything personal.
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { DataFreshness, type LevelProgressView, type MemberView, type Screen } from "./gen/kiosk/v1/kiosk_ui_pb";
import type { DrawStageModel } from "./drawstage";
import type { DrawSetupModel } from "./drawsetupmodel";
import { enrollmentModel, type EnrollmentModel } from "./enrollmentmodel";
import { type CheckInViewModel, feedModel, pickerModel } from "./checkinmodel";
import { printerProblem, refusal } from "./i18n/codes";
import { msg, type Msg } from "./i18n/messages";
import { staffHomeModel, staffLoginModel, type StaffViewModel } from "./staffmodel";
import {
  type GiftViewModel,
  PRINT_STATUS,
  type PrintStatus,
  giftListModel,
  memberRedemption,
  type MemberRedemptionModel,
  redeemConfirmModel,
  redeemDoneModel,
} from "./giftsmodel";
import { type VoucherDeskModel, voucherDeskModel } from "./vouchers";

/** Shown for a field the agent left empty, so a layout never collapses. */
export const PLACEHOLDER = "—";

export interface IdleModel {
  kind: "idle";
  /** IdleView.greeting, the site's own words; empty when the agent sets none. */
  greeting: string;
  /** Dim after this long without a touch (Screen:DimAfterSeconds); 0: never. */
  dimAfterSeconds: number;
  /** The agent takes the QR code of a digital card: the idle screen says so. */
  qrAccepted: boolean;
}

/** How current balance and points are: being checked with central, live from central, or cached. */
export type Freshness = "checking" | "live" | "cached" | "";

export interface MemberModel {
  kind: "member";
  name: string;
  level: string;
  /** Undefined when the agent sent none (shown as the placeholder). */
  balance?: Money;
  points: bigint;
  card: string;
  /** Way to the next level; undefined when the site has no level table. */
  progress?: ProgressModel;
  /** Points expiring soon; undefined when nothing expires soon. */
  expiring?: Msg;
  /** The member's birthday week: greet them (生日祝福). */
  birthday: boolean;
  /** The gift button and redemption notices; absent when there is nothing to offer or tell. */
  redemption?: MemberRedemptionModel;
  freshness: Freshness;
  /** When cached figures were true; undefined when not cached or the time is unknown. */
  asOf?: Date;
  /** Print my statement: the session to ask with, and the print's state once asked. */
  statement?: StatementModel;
}

export interface StatementModel {
  sessionId: string;
  print?: PrintStatus;
  message?: Msg;
}

export interface Money {
  minor: bigint;
  currency: string;
}

export interface ProgressModel {
  current: string;
  /** Empty at the top level. */
  next: string;
  /** "再积 1,200 分升级为 钻石", or the top-level line. */
  text: Msg;
  percent: number;
}

export interface RefusalModel {
  kind: "refusal";
  reasonCode: string;
  message: Msg;
  card: string;
}

export type ViewModel = IdleModel | MemberModel | RefusalModel | GiftViewModel | DrawStageModel | DrawSetupModel | VoucherDeskModel | CheckInViewModel | StaffViewModel | EnrollmentModel;

/** The screen the kiosk rests on, and falls back to: idle, or the enrollment screen the agent put in its place. */
export function isResting(model: ViewModel): boolean {
  return model.kind === "idle" || model.kind === "enrollment";
}

export const IDLE: IdleModel = { kind: "idle", greeting: "", dimAfterSeconds: 0, qrAccepted: false };

const orPlaceholder = (s: string) => (s.trim() === "" ? PLACEHOLDER : s);

/** The view to draw for a screen. A screen without a (known) view draws as idle. */
export function toViewModel(screen: Screen): ViewModel {
  const view = screen.view;
  switch (view.case) {
    case "drawStage":
      return { kind: "draw-stage", view: view.value };
    case "drawSetup":
      return { kind: "draw-setup", view: view.value };
    case "idle":
      return { kind: "idle", greeting: view.value.greeting.trim(), dimAfterSeconds: view.value.dimAfterSeconds, qrAccepted: view.value.qrAccepted };
    case "member": {
      const m = view.value;
      return {
        kind: "member",
        name: orPlaceholder(m.maskedName),
        level: orPlaceholder(m.level),
        balance: m.balance ? { minor: m.balance.amountMinor, currency: m.balance.currency } : undefined,
        points: m.points,
        card: orPlaceholder(m.maskedCard),
        progress: toProgress(m.progress),
        expiring: expiringLine(m.expiringPoints, m.expiringOn),
        birthday: m.birthdayWeek,
        redemption: memberRedemption(m),
        statement: statementOf(m),
        ...freshnessOf(m),
      };
    }
    case "refusal": {
      const r = view.value;
      return {
        kind: "refusal",
        reasonCode: r.reasonCode,
        message: refusal(r.reasonCode, r.message),
        card: orPlaceholder(r.maskedCard),
      };
    }
    case "staffLogin":
      return staffLoginModel(view.value);
    case "staffHome":
      return staffHomeModel(view.value);
    case "giftList":
      return giftListModel(view.value);
    case "redemptionConfirm":
      return redeemConfirmModel(view.value);
    case "redemptionDone":
      return redeemDoneModel(view.value);
    case "voucherDesk":
      return voucherDeskModel(view.value);
    case "checkInPicker":
      return pickerModel(view.value);
    case "checkInFeed":
      return feedModel(view.value);
    case "enrollment":
      return enrollmentModel(view.value);
    default:
      return IDLE;
  }
}

function toProgress(p: LevelProgressView | undefined): ProgressModel | undefined {
  if (!p || (p.currentLevel === "" && p.nextLevel === "")) return undefined;
  const percent = Math.max(0, Math.min(100, p.percent));
  const text = p.nextLevel === "" ? msg("member.topLevel") : msg("member.progress", { points: p.pointsToNext, next: p.nextLevel });
  return { current: p.currentLevel, next: p.nextLevel, text, percent };
}

function expiringLine(points: bigint, on: string): Msg | undefined {
  if (points <= 0n) return undefined;
  return on === "" ? msg("member.expiringSoon", { points }) : msg("member.expiringOn", { points, day: on });
}

function statementOf(m: MemberView): StatementModel | undefined {
  if (!m.statementOffered || !m.transactionId) return undefined;
  const s = m.statement;
  if (!s) return { sessionId: m.transactionId };
  const print = PRINT_STATUS[s.state] ?? "unknown";
  return { sessionId: m.transactionId, print, message: statementMessage(print, s.reason) };
}

function statementMessage(print: PrintStatus, reason: string): Msg | undefined {
  switch (print) {
    case "printing":
      return msg("statement.printing");
    case "printed":
      return msg("statement.printed");
    case "queued":
      return msg("statement.queued", { problem: printerProblem(reason) });
    case "no-printer":
      return msg("statement.noPrinter");
    case "failed":
      return msg("statement.failed");
    default:
      return undefined;
  }
}

const FRESHNESS: Record<number, Freshness> = {
  [DataFreshness.CHECKING]: "checking",
  [DataFreshness.LIVE]: "live",
  [DataFreshness.CACHED]: "cached",
};

function freshnessOf(m: MemberView): Pick<MemberModel, "freshness" | "asOf"> {
  const freshness = FRESHNESS[m.freshness] ?? "";
  if (freshness !== "cached" || !m.asOf) return { freshness };
  return { freshness, asOf: new Date(timestampMs(m.asOf)) };
}

/** Central's reachability, as every screen carries it: the page shows a banner while offline. */
export interface LinkModel {
  offline: boolean;
  /** When the member data was last synced; undefined when it never was. */
  dataAsOf?: Date;
}

export function linkOf(screen: Screen): LinkModel {
  const link = screen.link;
  if (!link?.offline) return { offline: false };
  return { offline: true, dataAsOf: link.dataAsOf ? new Date(timestampMs(link.dataAsOf)) : undefined };
}

/** Screen.shown_at in epoch milliseconds, or undefined when the agent did not set it. */
export function shownAtMs(screen: Screen): number | undefined {
  return screen.shownAt ? timestampMs(screen.shownAt) : undefined;
}
