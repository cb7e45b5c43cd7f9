import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { DataFreshness, ScreenSchema } from "../src/gen/kiosk/v1/kiosk_ui_pb";
import type { Msg } from "../src/i18n/messages";
import { Translator } from "../src/i18n/translator";
import { linkOf, PLACEHOLDER, shownAtMs, toViewModel } from "../src/viewmodel";

const zh = new Translator("zh-CN", "UTC");
const en = new Translator("en", "UTC");
const both = (m: Msg | undefined) => (m ? [zh.text(m), en.text(m)] : undefined);

describe("toViewModel", () => {
  it("maps an idle screen and its greeting", () => {
    const s = create(ScreenSchema, { view: { case: "idle", value: { greeting: " 欢迎光临 " } } });
    expect(toViewModel(s)).toEqual({ kind: "idle", greeting: "欢迎光临", dimAfterSeconds: 0, qrAccepted: false });
  });

  it("carries the idle screen's dimming time and whether QR codes are taken", () => {
    const s = create(ScreenSchema, { view: { case: "idle", value: { greeting: "", dimAfterSeconds: 90, qrAccepted: true } } });
    expect(toViewModel(s)).toEqual({ kind: "idle", greeting: "", dimAfterSeconds: 90, qrAccepted: true });
  });

  it("maps a screen without a view to idle", () => {
    expect(toViewModel(create(ScreenSchema, {}))).toEqual({ kind: "idle", greeting: "", dimAfterSeconds: 0, qrAccepted: false });
  });

  it("maps a member screen, keeping masked data as sent and figures as numbers to format per language", () => {
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
      balance: { minor: 123450n, currency: "CNY" },
      points: 12345n,
      card: "**** 5F6A",
      progress: undefined,
      expiring: undefined,
      birthday: false,
      redemption: undefined,
      freshness: "",
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
    if (m.kind !== "member") throw new Error("member expected");
    expect(m.progress?.percent).toBe(76);
    expect(both(m.progress?.text)).toEqual(["再积 1,200 分升级为 钻石", "1,200 points to 钻石"]);
    expect(both(m.expiring)).toEqual(["500 积分将于 2026年12月31日 到期", "500 points expire on Dec 31, 2026"]);
    expect(m.birthday).toBe(true);
  });

  it("says so at the top level and clamps the percentage", () => {
    const s = create(ScreenSchema, {
      view: { case: "member", value: { progress: { currentLevel: "钻石", nextLevel: "", percent: 250 } } },
    });
    const m = toViewModel(s);
    if (m.kind !== "member") throw new Error("member expected");
    expect(m.progress?.percent).toBe(100);
    expect(both(m.progress?.text)).toEqual(["已是最高等级", "Top level reached"]);
  });

  it("marks live figures from central", () => {
    const s = create(ScreenSchema, {
      view: { case: "member", value: { freshness: DataFreshness.LIVE, asOf: timestampFromMs(Date.UTC(2026, 10, 22, 2, 5)) } },
    });
    const m = toViewModel(s);
    expect(m).toMatchObject({ freshness: "live" });
    expect(m.kind === "member" ? m.asOf : "not a member").toBeUndefined();
  });

  it("says since when cached figures are true", () => {
    const asOf = Date.UTC(2026, 10, 22, 9, 5);
    const s = create(ScreenSchema, {
      view: { case: "member", value: { freshness: DataFreshness.CACHED, asOf: timestampFromMs(asOf) } },
    });
    expect(toViewModel(s)).toMatchObject({ freshness: "cached", asOf: new Date(asOf) });
  });

  it("shows cached figures without a sync time as cached, with no date", () => {
    const s = create(ScreenSchema, { view: { case: "member", value: { freshness: DataFreshness.CACHED } } });
    const m = toViewModel(s);
    expect(m).toMatchObject({ freshness: "cached" });
    expect(m.kind === "member" ? m.asOf : "not a member").toBeUndefined();
  });

  it("shows a pending check while central is asked", () => {
    const s = create(ScreenSchema, { view: { case: "member", value: { freshness: DataFreshness.CHECKING } } });
    expect(toViewModel(s)).toMatchObject({ freshness: "checking" });
  });

  it("shows placeholders for fields the agent left empty", () => {
    const s = create(ScreenSchema, { view: { case: "member", value: {} } });
    expect(toViewModel(s)).toMatchObject({ name: PLACEHOLDER, level: PLACEHOLDER, balance: undefined, points: 0n, card: PLACEHOLDER });
  });

  it("translates a refusal from its code, whatever words the agent sent", () => {
    const s = create(ScreenSchema, {
      view: { case: "refusal", value: { reasonCode: "card_lost", message: "此卡已挂失\nCard reported lost", maskedCard: "**** 9C2B" } },
    });
    const vm = toViewModel(s);
    if (vm.kind !== "refusal") throw new Error("refusal expected");
    expect(vm.card).toBe("**** 9C2B");
    expect(both(vm.message)).toEqual(["此卡已挂失", "This card has been reported lost."]);
  });

  it("shows the agent's words for a code it does not know, and a generic line without either", () => {
    const unknown = toViewModel(create(ScreenSchema, { view: { case: "refusal", value: { reasonCode: "card_x", message: "新 · new" } } }));
    const empty = toViewModel(create(ScreenSchema, { view: { case: "refusal", value: { reasonCode: "card_y" } } }));
    if (unknown.kind !== "refusal" || empty.kind !== "refusal") throw new Error("refusal expected");
    expect(both(unknown.message)).toEqual(["新 · new", "新 · new"]);
    expect(both(empty.message)).toEqual(["暂时无法处理此卡", "This card cannot be used right now."]);
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

describe("linkOf", () => {
  it("is online when the frame carries no link or an online one", () => {
    expect(linkOf(create(ScreenSchema, {}))).toEqual({ offline: false });
    expect(linkOf(create(ScreenSchema, { link: { offline: false, dataAsOf: timestampFromMs(1) } }))).toEqual({ offline: false });
  });

  it("names the sync time while offline, in each language", () => {
    const at = Date.UTC(2026, 11, 6, 1, 12);
    const link = linkOf(create(ScreenSchema, { link: { offline: true, dataAsOf: timestampFromMs(at) } }));
    expect(link).toEqual({ offline: true, dataAsOf: new Date(at) });
    expect(both({ key: "offline.asOf", params: { at: link.dataAsOf! } } as Msg)).toEqual(["离线 · 数据截至 12月6日 01:12", "Offline — data as of Dec 6, 01:12"]);
  });

  it("says there is no synced data when the kiosk never synced", () => {
    expect(linkOf(create(ScreenSchema, { link: { offline: true } }))).toEqual({ offline: true, dataAsOf: undefined });
  });
});
