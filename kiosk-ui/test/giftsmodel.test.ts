import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ScreenSchema, VoucherPrintState } from "../src/gen/kiosk/v1/kiosk_ui_pb";
import { toViewModel } from "../src/viewmodel";

describe("gift screens", () => {
  it("maps the gift list with prices, stock and the reason an ineligible gift is greyed", () => {
    const s = create(ScreenSchema, {
      view: {
        case: "giftList",
        value: {
          sessionId: "tap-1",
          maskedName: "王*明",
          availablePoints: 36520n,
          offline: true,
          noticeCode: "offline_limit",
          notice: "已达离线兑换上限",
          gifts: [
            { code: "mug", name: "马克杯", pointsPrice: 500n, stock: 3, eligible: true, reasonCode: "", reason: "" },
            { code: "tv", name: "电视", pointsPrice: 50000n, stock: 1, eligible: false, reasonCode: "points_insufficient", reason: "积分不足" },
          ],
        },
      },
    });
    expect(toViewModel(s)).toEqual({
      kind: "gifts",
      sessionId: "tap-1",
      name: "王*明",
      available: "36,520",
      offline: true,
      noticeCode: "offline_limit",
      notice: "已达离线兑换上限",
      gifts: [
        { code: "mug", name: "马克杯", price: "500", stock: "3", eligible: true, reasonCode: "", reason: "" },
        { code: "tv", name: "电视", price: "50,000", stock: "1", eligible: false, reasonCode: "points_insufficient", reason: "积分不足" },
      ],
    });
  });

  it("maps the confirmation with points before and after", () => {
    const s = create(ScreenSchema, {
      view: {
        case: "redemptionConfirm",
        value: {
          sessionId: "tap-1",
          maskedName: "王*明",
          gift: { code: "mug", name: "马克杯", pointsPrice: 500n, eligible: true },
          pointsBefore: 36520n,
          pointsAfter: 36020n,
        },
      },
    });
    expect(toViewModel(s)).toMatchObject({
      kind: "redeem-confirm",
      giftCode: "mug",
      giftName: "马克杯",
      price: "500",
      before: "36,520",
      after: "36,020",
      offline: false,
    });
  });

  it.each([
    [VoucherPrintState.PRINTING, "printing"],
    [VoucherPrintState.PRINTED, "printed"],
    [VoucherPrintState.QUEUED, "queued"],
    [VoucherPrintState.NO_PRINTER, "no-printer"],
    [VoucherPrintState.FAILED, "failed"],
    [VoucherPrintState.UNSPECIFIED, "unknown"],
  ])("maps the done screen's print state %s to %s", (state, expected) => {
    const s = create(ScreenSchema, {
      view: {
        case: "redemptionDone",
        value: { sessionId: "tap-1", giftName: "马克杯", pointsSpent: 500n, pointsLeft: 36020n, voucherCode: "K7QX-4MRD", printState: state, printMessage: "…" },
      },
    });
    expect(toViewModel(s)).toMatchObject({ kind: "redeem-done", voucherCode: "K7QX-4MRD", spent: "500", left: "36,020", print: expected });
  });

  it("offers the gift button on the member screen only when the agent does, with notices either way", () => {
    const offered = create(ScreenSchema, {
      view: { case: "member", value: { transactionId: "tap-1", redemptionOffered: true } },
    });
    const noticeOnly = create(ScreenSchema, {
      view: {
        case: "member",
        value: { transactionId: "tap-2", redemptionNotices: [{ giftName: "马克杯", message: "未获确认，积分已退回" }] },
      },
    });
    const plain = create(ScreenSchema, { view: { case: "member", value: { transactionId: "tap-3" } } });

    expect(toViewModel(offered)).toMatchObject({ redemption: { sessionId: "tap-1", notices: [] } });
    expect(toViewModel(noticeOnly)).toMatchObject({ redemption: { sessionId: undefined, notices: ["未获确认，积分已退回"] } });
    expect(toViewModel(plain)).toMatchObject({ redemption: undefined });
  });
});
