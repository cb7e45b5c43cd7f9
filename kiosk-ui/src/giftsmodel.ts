// View models of the gift redemption screens (gift list, confirm, done) and the member screen's
// redemption part. Pure: strings in the shape the renderer shows, nothing derived that is personal.
import type {
  GiftListView,
  MemberView,
  RedemptionConfirmView,
  RedemptionDoneView,
} from "./gen/kiosk/v1/kiosk_ui_pb";
import { VoucherPrintState } from "./gen/kiosk/v1/kiosk_ui_pb";
import { formatInteger } from "./format";

export interface GiftOptionModel {
  code: string;
  name: string;
  /** "500" (points). */
  price: string;
  /** "3" pieces left. */
  stock: string;
  eligible: boolean;
  reasonCode: string;
  /** Why not, as the agent words it; empty when eligible. */
  reason: string;
}

export interface GiftListModel {
  kind: "gifts";
  sessionId: string;
  name: string;
  available: string;
  offline: boolean;
  noticeCode: string;
  notice: string;
  gifts: GiftOptionModel[];
}

export interface RedeemConfirmModel {
  kind: "redeem-confirm";
  sessionId: string;
  name: string;
  giftCode: string;
  giftName: string;
  price: string;
  before: string;
  after: string;
  offline: boolean;
}

export type PrintStatus = "printing" | "printed" | "queued" | "no-printer" | "failed" | "unknown";

export interface RedeemDoneModel {
  kind: "redeem-done";
  sessionId: string;
  name: string;
  giftName: string;
  spent: string;
  left: string;
  voucherCode: string;
  print: PrintStatus;
  printMessage: string;
  offline: boolean;
}

/** The member screen's redemption part: the gift button's session and notices of rejected redemptions. */
export interface MemberRedemptionModel {
  /** Set when the gift list may be opened (the session is the tap's transaction id). */
  sessionId?: string;
  notices: string[];
}

export type GiftViewModel = GiftListModel | RedeemConfirmModel | RedeemDoneModel;

const PRINT_STATUS: Record<number, PrintStatus> = {
  [VoucherPrintState.PRINTING]: "printing",
  [VoucherPrintState.PRINTED]: "printed",
  [VoucherPrintState.QUEUED]: "queued",
  [VoucherPrintState.NO_PRINTER]: "no-printer",
  [VoucherPrintState.FAILED]: "failed",
};

export function giftListModel(v: GiftListView): GiftListModel {
  return {
    kind: "gifts",
    sessionId: v.sessionId,
    name: v.maskedName,
    available: formatInteger(v.availablePoints),
    offline: v.offline,
    noticeCode: v.noticeCode,
    notice: v.notice,
    gifts: v.gifts.map((g) => ({
      code: g.code,
      name: g.name,
      price: formatInteger(g.pointsPrice),
      stock: formatInteger(g.stock),
      eligible: g.eligible,
      reasonCode: g.eligible ? "" : g.reasonCode,
      reason: g.eligible ? "" : g.reason,
    })),
  };
}

export function redeemConfirmModel(v: RedemptionConfirmView): RedeemConfirmModel {
  return {
    kind: "redeem-confirm",
    sessionId: v.sessionId,
    name: v.maskedName,
    giftCode: v.gift?.code ?? "",
    giftName: v.gift?.name ?? "",
    price: formatInteger(v.gift?.pointsPrice ?? 0n),
    before: formatInteger(v.pointsBefore),
    after: formatInteger(v.pointsAfter),
    offline: v.offline,
  };
}

export function redeemDoneModel(v: RedemptionDoneView): RedeemDoneModel {
  return {
    kind: "redeem-done",
    sessionId: v.sessionId,
    name: v.maskedName,
    giftName: v.giftName,
    spent: formatInteger(v.pointsSpent),
    left: formatInteger(v.pointsLeft),
    voucherCode: v.voucherCode,
    print: PRINT_STATUS[v.printState] ?? "unknown",
    printMessage: v.printMessage,
    offline: v.offline,
  };
}

/** Undefined when the member screen has nothing about redemption (no button, no notices). */
export function memberRedemption(m: MemberView): MemberRedemptionModel | undefined {
  const notices = m.redemptionNotices.map((n) => n.message).filter((s) => s.trim() !== "");
  if (!m.redemptionOffered && notices.length === 0) return undefined;
  return { sessionId: m.redemptionOffered && m.transactionId ? m.transactionId : undefined, notices };
}
