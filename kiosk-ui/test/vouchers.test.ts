import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { ScreenSchema } from "../src/gen/kiosk/v1/kiosk_ui_pb";
import { VoucherState } from "../src/gen/kiosk/v1/vouchers_pb";
import type { Msg } from "../src/i18n/messages";
import { Translator } from "../src/i18n/translator";
import { toViewModel } from "../src/viewmodel";

const zh = new Translator("zh-CN", "UTC");
const en = new Translator("en", "UTC");
const both = (m: Msg | undefined) => (m ? [zh.text(m), en.text(m)] : undefined);

function desk(voucher?: object, noticeCode = "") {
  return toViewModel(create(ScreenSchema, { view: { case: "voucherDesk", value: { staffName: "Wang Fang", voucher, noticeCode } } }));
}

describe("voucher desk", () => {
  it("is the keypad until a voucher is looked up, with a notice for input that is no code", () => {
    expect(desk()).toMatchObject({ kind: "voucher-desk", staff: "Wang Fang", voucher: undefined });
    const invalid = desk(undefined, "voucher_code_invalid");
    expect(invalid.kind === "voucher-desk" && both(invalid.notice)?.[1]).toContain("8 characters");
  });

  it("says when, where and by whom a used voucher was used, in both languages", () => {
    const m = desk({
      code: "K7QX-4MRD",
      state: VoucherState.USED,
      reasonCode: "voucher_used",
      usedAt: timestampFromMs(Date.UTC(2026, 11, 6, 9, 30)),
      usedKioskId: "kiosk-b",
      usedBy: "Li Lei",
    });
    expect(m.kind).toBe("voucher-desk");
    if (m.kind !== "voucher-desk") return;
    expect(m.voucher?.state).toBe("used");
    const [zhText, enText] = both(m.voucher?.status)!;
    expect(enText).toContain("at kiosk-b by Li Lei");
    expect(zhText).toContain("kiosk-b");
    expect(zhText).toContain("Li Lei");
  });

  it("tells a voucher just marked used from one used before, and an offline refusal from an unknown voucher", () => {
    const now = desk({ code: "K7QX-4MRD", state: VoucherState.USED, usedNow: true });
    expect(now.kind === "voucher-desk" && both(now.voucher?.status)?.[1]).toBe("Marked used. Hand out the gift.");
    const offline = desk({ code: "K7QX-4MRD", state: VoucherState.UNCHECKABLE, reasonCode: "central_offline" });
    expect(offline.kind === "voucher-desk" && both(offline.voucher?.status)?.[1]).toContain("offline");
    const unknown = desk({ code: "K7QX-4MRD", state: VoucherState.UNKNOWN, reasonCode: "voucher_unknown" });
    expect(unknown.kind === "voucher-desk" && unknown.voucher?.state).toBe("unknown");
  });
});
