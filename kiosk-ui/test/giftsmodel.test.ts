import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { ScreenSchema, VoucherPrintState } from "../src/gen/kiosk/v1/kiosk_ui_pb";
import type { Msg } from "../src/i18n/messages";
import { Translator } from "../src/i18n/translator";
import { toViewModel } from "../src/viewmodel";

const zh = new Translator("zh-CN", "UTC");
const en = new Translator("en", "UTC");
const both = (m: Msg | undefined) => (m ? [zh.text(m), en.text(m)] : undefined);

describe("gift screens", () => {
  it("maps the gift list with prices, stock and the reason an ineligible gift is greyed, by code", () => {
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
            { code: "pen", name: "笔", pointsPrice: 100n, stock: 9, eligible: false, reasonCode: "gift_member_limit", reason: "…", perMemberLimit: 2 },
          ],
        },
      },
    });
    const m = toViewModel(s);
    if (m.kind !== "gifts") throw new Error("gifts expected");
    expect(m).toMatchObject({ sessionId: "tap-1", name: "王*明", available: 36520n, offline: true, noticeCode: "offline_limit" });
    expect(both(m.notice)).toEqual(["已达离线兑换上限，请联网后再试", "Offline redemption limit reached for today."]);
    expect(m.gifts[0]).toMatchObject({ code: "mug", price: 500n, stock: 3n, eligible: true, reasonCode: "" });
    expect(m.gifts[0]!.reason).toBeUndefined();
    expect(both(m.gifts[1]!.reason)).toEqual(["积分不足", "Not enough points."]);
    expect(both(m.gifts[2]!.reason)).toEqual(["每位会员限兑 2 份", "Limit 2 per member."]);
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
    expect(toViewModel(s)).toMatchObject({ kind: "redeem-confirm", giftCode: "mug", giftName: "马克杯", price: 500n, before: 36520n, after: 36020n, offline: false });
  });

  it.each([
    [VoucherPrintState.PRINTING, "printing", "正在打印兑换凭证…"],
    [VoucherPrintState.PRINTED, "printed", "请取走兑换凭证"],
    [VoucherPrintState.QUEUED, "queued", "打印机暂不可用（缺纸），凭证将在恢复后打印。请记下凭证号 K7QX-4MRD"],
    [VoucherPrintState.NO_PRINTER, "no-printer", "凭证未能打印，请凭凭证号 K7QX-4MRD 向工作人员领取"],
    [VoucherPrintState.FAILED, "failed", "凭证未能打印，请凭凭证号 K7QX-4MRD 向工作人员领取"],
    [VoucherPrintState.UNSPECIFIED, "unknown", "…"],
  ])("maps the done screen's print state %s to %s, in words from the state", (state, expected, words) => {
    const s = create(ScreenSchema, {
      view: {
        case: "redemptionDone",
        value: { sessionId: "tap-1", giftName: "马克杯", pointsSpent: 500n, pointsLeft: 36020n, voucherCode: "K7QX-4MRD", printState: state, printReason: "paper_end", printMessage: "…" },
      },
    });
    const m = toViewModel(s);
    expect(m).toMatchObject({ kind: "redeem-done", voucherCode: "K7QX-4MRD", spent: 500n, left: 36020n, print: expected });
    if (m.kind !== "redeem-done") throw new Error("done expected");
    expect(zh.text(m.printMessage!)).toBe(words);
  });

  it("offers the gift button on the member screen only when the agent does, with notices either way", () => {
    const offered = create(ScreenSchema, {
      view: { case: "member", value: { transactionId: "tap-1", redemptionOffered: true } },
    });
    const noticeOnly = create(ScreenSchema, {
      view: {
        case: "member",
        value: {
          transactionId: "tap-2",
          redemptionNotices: [{ giftName: "马克杯", redeemedAt: timestampFromMs(Date.UTC(2026, 11, 1, 10, 30)), reasonCode: "gift_out_of_stock", pointsReturned: 800n, message: "…" }],
        },
      },
    });
    const plain = create(ScreenSchema, { view: { case: "member", value: { transactionId: "tap-3" } } });

    expect(toViewModel(offered)).toMatchObject({ redemption: { sessionId: "tap-1", notices: [] } });
    const m = toViewModel(noticeOnly);
    if (m.kind !== "member") throw new Error("member expected");
    expect(m.redemption?.sessionId).toBeUndefined();
    expect(both(m.redemption?.notices[0])).toEqual([
      "您于 12月1日 10:30 兑换的「马克杯」未获确认：礼品已兑完，800 积分已退回。",
      "Your redemption of 马克杯 on Dec 1, 10:30 was not confirmed: the gift is out of stock. 800 points were returned.",
    ]);
    expect(toViewModel(plain)).toMatchObject({ redemption: undefined });
  });
});
