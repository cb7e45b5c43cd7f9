import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { addTier, createInput, defaultTitle, formProblem, initialForm, nextLevel, stepCount, typeKey } from "../src/drawsetupmodel";
import { DrawSetupViewSchema } from "../src/gen/kiosk/v1/draws_pb";
import { ScreenSchema } from "../src/gen/kiosk/v1/kiosk_ui_pb";
import { Translator } from "../src/i18n/translator";
import { msg } from "../src/i18n/messages";
import { toViewModel } from "../src/viewmodel";

const opens = new Date(2026, 11, 6, 19, 30);
const view = create(DrawSetupViewSchema, {
  staffName: "Wang Fang",
  activities: [
    { activityId: "empty", name: "早场 Morning", checkedIn: 0 },
    { activityId: "gala", name: "会员年会 Members' gala", checkedIn: 12, opensAt: timestampFromDate(opens) },
  ],
});

describe("draw set-up", () => {
  it("is its own screen", () => {
    expect(toViewModel(create(ScreenSchema, { view: { case: "drawSetup", value: view } }))).toMatchObject({ kind: "draw-setup", view: { staffName: "Wang Fang" } });
  });

  it("starts on the first activity with check-ins, one 3rd prize of three; tap to join when none has any", () => {
    expect(initialForm(view)).toEqual({ pool: "gala", type: "winners", tiers: [{ level: 3, count: 3 }] });
    expect(initialForm(create(DrawSetupViewSchema, { activities: [{ activityId: "x", checkedIn: 0 }] })).pool).toBe("");
  });

  it("refuses an activity nobody checked in to; tap to join needs nobody yet", () => {
    expect(formProblem({ pool: "empty", type: "winners", tiers: [] }, view)).toBe("empty_pool");
    expect(formProblem({ pool: "gala", type: "winners", tiers: [] }, view)).toBeUndefined();
    expect(formProblem({ pool: "", type: "winners", tiers: [] }, view)).toBeUndefined();
  });

  it("steps counts within 1..99 and cycles the preset names", () => {
    expect(stepCount(1, -1)).toBe(1);
    expect(stepCount(3, 1)).toBe(4);
    expect(stepCount(99, 1)).toBe(99);
    expect([3, 2, 1].map(nextLevel)).toEqual([2, 1, 3]);
  });

  it("adds the next prize up until every preset is used", () => {
    let tiers = [{ level: 3, count: 3 }];
    tiers = addTier(tiers);
    expect(tiers).toEqual([{ level: 3, count: 3 }, { level: 2, count: 1 }]);
    tiers = addTier(addTier(tiers));
    expect(tiers.map((t) => t.level)).toEqual([3, 2, 1]);
  });

  it("titles a draw with the activity's name and time, at most 64 characters", () => {
    expect(defaultTitle(view.activities[1], "抽奖", new Date())).toBe("会员年会 Members' gala 19:30");
    expect(defaultTitle(undefined, "Prize draw", new Date(2026, 0, 2, 9, 5))).toBe("Prize draw 09:05");
    expect(defaultTitle({ ...view.activities[1], name: "x".repeat(100) }, "", new Date()).length).toBe(64);
  });

  it("makes the CreateDraw request: check-ins of the chosen activity, tiers named in the first language", () => {
    const zh = new Translator("zh-CN", "UTC");
    const now = new Date(2026, 11, 6, 20, 1, 2);
    const input = createInput({ pool: "gala", type: "winners", tiers: [{ level: 3, count: 2 }, { level: 1, count: 1 }] }, view, (l) => zh.text(msg(`drawSetup.tier.${l}` as "drawSetup.tier.1")), "抽奖", now);
    expect(input).toEqual({
      drawId: "d-20261206-200102",
      title: "会员年会 Members' gala 19:30",
      type: "winners",
      poolMode: "check_ins",
      activityId: "gala",
      tiers: [{ name: "三等奖", count: 2, level: 3 }, { name: "一等奖", count: 1, level: 1 }],
    });
    const join = createInput({ pool: "", type: "order", tiers: [{ level: 3, count: 2 }] }, view, () => "", "抽奖", now);
    expect(join).toMatchObject({ poolMode: "tap_to_join", activityId: "", type: "order", tiers: [], title: "抽奖 20:01" });
  });
});

describe("public contribution keypad", () => {
  it("takes digits and single spaces, deletes, and stops at 256 bytes", () => {
    let e = "";
    for (const k of ["space", "1", "7", "space", "space", "4", "x", "2"]) e = typeKey(e, k);
    expect(e).toBe("17 42");
    expect(typeKey(e, "back")).toBe("17 4");
    const full = "9".repeat(256);
    expect(typeKey(full, "1")).toBe(full);
    expect(typeKey(full, "space")).toBe(full);
  });
});
