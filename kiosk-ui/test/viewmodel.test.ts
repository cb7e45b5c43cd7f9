import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { DataFreshness, ScreenSchema } from "../src/gen/kiosk/v1/kiosk_ui_pb";
import { PLACEHOLDER, shownAtMs, toViewModel } from "../src/viewmodel";

describe("toViewModel", () => {
  it("maps an idle screen and its greeting", () => {
    const s = create(ScreenSchema, { view: { case: "idle", value: { greeting: " 欢迎光临 " } } });
    expect(toViewModel(s)).toEqual({ kind: "idle", greeting: "欢迎光临" });
  });

  it("maps a screen without a view to idle", () => {
    expect(toViewModel(create(ScreenSchema, {}))).toEqual({ kind: "idle", greeting: "" });
  });

  it("maps a member screen, formatting money and points, keeping masked data as sent", () => {
    const s = create(ScreenSchema, {
      view: {
        case: "member",
        value: {
          maskedName: "张*明",
          level: "金卡 Gold",
          balance: { amountMinor: 123450n, currency: "CNY" },
          points: 12345n,
          maskedCard: "**** 5F6A",
          transactionId: "0193-abc",
        },
      },
    });
    expect(toViewModel(s)).toEqual({
      kind: "member",
      name: "张*明",
      level: "金卡 Gold",
      balance: "¥1,234.50",
      points: "12,345",
      card: "**** 5F6A",
      progress: undefined,
      expiring: "",
      birthday: false,
      freshness: "",
      asOfZh: "",
      asOfEn: "",
    });
  });

  it("maps level progress, expiring points and the birthday week", () => {
    const s = create(ScreenSchema, {
      view: {
        case: "member",
        value: {
          maskedName: "王*明",
          progress: { currentLevel: "金卡", nextLevel: "钻石", pointsToNext: 1200n, percent: 76 },
          expiringPoints: 500n,
          expiringOn: "2026-12-31",
          birthdayWeek: true,
        },
      },
    });
    const m = toViewModel(s);
    expect(m.kind).toBe("member");
    if (m.kind !== "member") return;
    expect(m.progress).toEqual({ current: "金卡", next: "钻石", text: "再积 1,200 分升级为 钻石 · 1,200 points to 钻石", percent: 76 });
    expect(m.expiring).toBe("500 积分将于 2026-12-31 到期 · 500 points expire on 2026-12-31");
    expect(m.birthday).toBe(true);
  });

  it("says so at the top level and clamps the percentage", () => {
    const s = create(ScreenSchema, {
      view: { case: "member", value: { progress: { currentLevel: "钻石", nextLevel: "", percent: 250 } } },
    });
    const m = toViewModel(s);
    if (m.kind !== "member") throw new Error("member expected");
    expect(m.progress).toEqual({ current: "钻石", next: "", text: "已是最高等级 · Top level reached", percent: 100 });
  });

  it("marks live figures from central", () => {
    const s = create(ScreenSchema, {
      view: { case: "member", value: { freshness: DataFreshness.LIVE, asOf: timestampFromMs(Date.UTC(2026, 10, 22, 2, 5)) } },
    });
    expect(toViewModel(s)).toMatchObject({ freshness: "live", asOfZh: "", asOfEn: "" });
  });

  it("says since when cached figures are true", () => {
    const asOf = new Date(2026, 10, 22, 9, 5);
    const s = create(ScreenSchema, {
      view: { case: "member", value: { freshness: DataFreshness.CACHED, asOf: timestampFromMs(asOf.getTime()) } },
    });
    expect(toViewModel(s)).toMatchObject({ freshness: "cached", asOfZh: "截至 11月22日 09:05", asOfEn: "As of 22 Nov 09:05" });
  });

  it("shows cached figures without a sync time as cached, with no date", () => {
    const s = create(ScreenSchema, { view: { case: "member", value: { freshness: DataFreshness.CACHED } } });
    expect(toViewModel(s)).toMatchObject({ freshness: "cached", asOfZh: "" });
  });

  it("shows a pending check while central is asked", () => {
    const s = create(ScreenSchema, { view: { case: "member", value: { freshness: DataFreshness.CHECKING } } });
    expect(toViewModel(s)).toMatchObject({ freshness: "checking" });
  });

  it("shows placeholders for fields the agent left empty", () => {
    const s = create(ScreenSchema, { view: { case: "member", value: {} } });
    expect(toViewModel(s)).toEqual({
      kind: "member",
      name: PLACEHOLDER,
      level: PLACEHOLDER,
      balance: PLACEHOLDER,
      points: "0",
      card: PLACEHOLDER,
      progress: undefined,
      expiring: "",
      birthday: false,
      freshness: "",
      asOfZh: "",
      asOfEn: "",
    });
  });

  it("maps a refusal screen and keeps the message verbatim", () => {
    const s = create(ScreenSchema, {
      view: {
        case: "refusal",
        value: { reasonCode: "card_lost", message: "此卡已挂失\nCard reported lost", maskedCard: "**** 9C2B" },
      },
    });
    expect(toViewModel(s)).toEqual({
      kind: "refusal",
      reasonCode: "card_lost",
      message: "此卡已挂失\nCard reported lost",
      card: "**** 9C2B",
    });
  });

  it("gives a refusal without a message a generic bilingual one", () => {
    const s = create(ScreenSchema, { view: { case: "refusal", value: { reasonCode: "card_unknown" } } });
    const vm = toViewModel(s);
    expect(vm.kind).toBe("refusal");
    if (vm.kind === "refusal") {
      expect(vm.message).toMatch(/[\u4e00-\u9fff]/);
      expect(vm.message).toMatch(/card/i);
    }
  });
});

describe("shownAtMs", () => {
  it("reads the timestamp or reports it missing", () => {
    expect(shownAtMs(create(ScreenSchema, { shownAt: timestampFromMs(1_700_000_000_123) }))).toBe(
      1_700_000_000_123,
    );
    expect(shownAtMs(create(ScreenSchema, {}))).toBeUndefined();
  });
});
