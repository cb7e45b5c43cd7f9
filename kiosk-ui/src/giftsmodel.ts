// View models of the gift redemption screens (gift list, confirm, done) and the member screen's
// redemption part. Pure: strings in the shape the renderer shows, nothing derived that is personal.
import type {
  GiftListView,
  MemberView,
  RedemptionConfirmView,
  RedemptionDoneView,
} from "./gen/kiosk/v1/kiosk_ui_pb";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { VoucherPrintState } from "./gen/kiosk/v1/kiosk_ui_pb";
import { giftReason, printerProblem, stepNotice } from "./i18n/codes";
import { msg, type Msg } from "./i18n/messages";

export interface GiftOptionModel {
  code: string;
  name: string;
  /** Points. */
  price: bigint;
  /** Pieces left. */
  stock: bigint;
  eligible: boolean;
  reasonCode: string;
  /** Why not; undefined when eligible. */
  reason?: Msg;
}

export interface GiftListModel {
  kind: "gifts";
  sessionId: string;
  name: string;
  available: bigint;
  offline: boolean;
  noticeCode: string;
  /** Why the last step did not go ahead; undefined: nothing to say. */
  notice?: Msg;
  gifts: GiftOptionModel[];
}

export interface RedeemConfirmModel {
  kind: "redeem-confirm";
  sessionId: string;
  name: string;
  giftCode: string;
  giftName: string;
  price: bigint;
  before: bigint;
  after: bigint;
  offline: boolean;
}

export type PrintStatus = "printing" | "printed" | "queued" | "no-printer" | "failed" | "unknown";

export interface RedeemDoneModel {
  kind: "redeem-done";
  sessionId: string;
  name: string;
  giftName: string;
  spent: bigint;
  left: bigint;
  voucherCode: string;
  print: PrintStatus;
  /** What the member reads about the voucher; undefined when there is nothing to say. */
  printMessage?: Msg;
  offline: boolean;
}

/** The member screen's redemption part: the gift button's session and notices of rejected redemptions. */
export interface MemberRedemptionModel {
  /** Set when the gift list may be opened (the session is the tap's transaction id). */
  sessionId?: string;
  notices: Msg[];
}

export type GiftViewModel = GiftListModel | RedeemConfirmModel | RedeemDoneModel;

export const PRINT_STATUS: Record<number, PrintStatus> = {
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
    available: v.availablePoints,
    offline: v.offline,
    noticeCode: v.noticeCode,
    notice: v.noticeCode === "" && v.notice.trim() === "" ? undefined : stepNotice(v.noticeCode, v.notice),
    gifts: v.gifts.map((g) => ({
      code: g.code,
      name: g.name,
      price: g.pointsPrice,
      stock: BigInt(g.stock),
      eligible: g.eligible,
      reasonCode: g.eligible ? "" : g.reasonCode,
      reason: g.eligible ? undefined : giftReason(g.reasonCode, g.reason, g.perMemberLimit),
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
    price: v.gift?.pointsPrice ?? 0n,
    before: v.pointsBefore,
    after: v.pointsAfter,
    offline: v.offline,
  };
}

export function redeemDoneModel(v: RedemptionDoneView): RedeemDoneModel {
  return {
    kind: "redeem-done",
    sessionId: v.sessionId,
    name: v.maskedName,
    giftName: v.giftName,
    spent: v.pointsSpent,
    left: v.pointsLeft,
    voucherCode: v.voucherCode,
    print: PRINT_STATUS[v.printState] ?? "unknown",
    printMessage: printMessage(v),
    offline: v.offline,
  };
}

/** Undefined when the member screen has nothing about redemption (no button, no notices). */
export function memberRedemption(m: MemberView): MemberRedemptionModel | undefined {
  const notices = m.redemptionNotices.flatMap((n): Msg[] => {
    if (n.redeemedAt) {
      return [msg("member.notice", { gift: n.giftName, at: new Date(timestampMs(n.redeemedAt)), reasonCode: n.reasonCode, points: n.pointsReturned })];
    }
    return n.message.trim() === "" ? [] : [msg("raw", { text: n.message })];
  });
  if (!m.redemptionOffered && notices.length === 0) return undefined;
  return { sessionId: m.redemptionOffered && m.transactionId ? m.transactionId : undefined, notices };
}

/** The voucher's print state in words; the agent's own words only for a state this UI does not know. */
function printMessage(v: RedemptionDoneView): Msg | undefined {
  switch (v.printState) {
    case VoucherPrintState.PRINTING:
      return msg("print.printing");
    case VoucherPrintState.PRINTED:
      return msg("print.printed");
    case VoucherPrintState.QUEUED:
      return msg("print.queued", { problem: printerProblem(v.printReason), code: v.voucherCode });
    case VoucherPrintState.NO_PRINTER:
    case VoucherPrintState.FAILED:
      return msg("print.failed", { code: v.voucherCode });
    default:
      return v.printMessage.trim() === "" ? undefined : msg("raw", { text: v.printMessage });
  }
}
