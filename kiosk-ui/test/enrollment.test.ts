import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { groupDigits, groupHex, phaseOf, statusLine, timeLeft } from "../src/enrollmentmodel";
import { ScreenSchema } from "../src/gen/kiosk/v1/kiosk_ui_pb";
import { Translator } from "../src/i18n/translator";
import { isResting, toViewModel } from "../src/viewmodel";

const zh = new Translator("zh-CN", "UTC");
const en = new Translator("en", "UTC");
const NOW = 1_700_000_000_000;
const FP = "0123456789abcdef".repeat(4);

const screen = (code: string, expiresAt: number, triesLeft = 5, reopened = false) =>
  create(ScreenSchema, {
    sequence: 3n,
    view: {
      case: "enrollment",
      value: {
        state: { code, expiresAt: timestampFromMs(expiresAt), fingerprint: FP, address: "192.168.1.20:5443", serial: "10000000abcd", triesLeft, qrPayload: "kiosk-enroll:?fp=x" },
        qrRows: ["101", "010", "101"],
        triesAllowed: 5,
        reopened,
      },
    },
  });

const model = (s: ReturnType<typeof screen>) => {
  const m = toViewModel(s);
  if (m.kind !== "enrollment") throw new Error(m.kind);
  return m;
};

describe("enrollment screen model", () => {
  it("maps the agent's view as sent, and rests like idle (no deadline, the fallback screen)", () => {
    const m = model(screen("12345678", NOW + 900_000));
    expect(m).toEqual({
      kind: "enrollment",
      code: "12345678",
      expiresAt: NOW + 900_000,
      fingerprint: FP,
      address: "192.168.1.20:5443",
      serial: "10000000abcd",
      triesLeft: 5,
      triesAllowed: 5,
      reopened: false,
      qrRows: ["101", "010", "101"],
    });
    expect(isResting(m)).toBe(true);
    expect(isResting({ kind: "idle", greeting: "", dimAfterSeconds: 0, qrAccepted: false })).toBe(true);
  });

  it("groups 8, 9 and 10 digit codes for reading aloud and typing", () => {
    expect(groupDigits("12345678")).toBe("1234 5678");
    expect(groupDigits("123456789")).toBe("123 456 789");
    expect(groupDigits("1234567890")).toBe("123 456 7890");
    expect(groupDigits("")).toBe("");
  });

  it("groups the fingerprint in fours, which kioskctl takes back as it is", () => {
    const grouped = groupHex(FP);
    expect(grouped.split(" ")).toHaveLength(16);
    expect(grouped.replaceAll(" ", "")).toBe(FP);
  });

  it("counts the time left down in m:ss, never below zero", () => {
    expect(timeLeft(900_000)).toBe("15:00");
    expect(timeLeft(61_001)).toBe("1:02");
    expect(timeLeft(999)).toBe("0:01");
    expect(timeLeft(-5_000)).toBe("0:00");
  });

  it("says the time left, and the tries left once a try was wrong", () => {
    const fresh = model(screen("12345678", NOW + 600_000));
    expect(en.text(statusLine(fresh, NOW))).toBe("Valid for another 10:00");
    expect(zh.text(statusLine(fresh, NOW))).toBe("有效期还剩 10:00");
    const tried = model(screen("12345678", NOW + 59_500, 2));
    expect(en.text(statusLine(tried, NOW))).toBe("Valid for another 1:00 · 2 of 5 tries left");
    expect(zh.text(statusLine(tried, NOW))).toContain("还可尝试 2 次");
  });

  it("shows a burned code as used up (a person makes a new one) and an expired one as on its way", () => {
    const burned = model(screen("", NOW + 600_000, 0));
    expect(phaseOf(burned, NOW)).toBe("burned");
    expect(en.text(statusLine(burned, NOW))).toContain("used up");
    expect(zh.text(statusLine(burned, NOW))).toContain("作废");
    const old = model(screen("12345678", NOW - 1));
    expect(phaseOf(old, NOW)).toBe("expired");
    expect(en.text(statusLine(old, NOW))).toContain("expired");
    expect(phaseOf(model(screen("12345678", NOW + 1)), NOW)).toBe("open");
  });

  it("words every enrollment message in both catalogues without the other language", () => {
    const m = model(screen("12345678", NOW + 600_000, 3, true));
    for (const line of [statusLine(m, NOW), statusLine(model(screen("", NOW, 0)), NOW), statusLine(model(screen("1", NOW - 1)), NOW)]) {
      expect(zh.text(line)).not.toMatch(/[A-Za-z]{2,}/);
      expect(en.text(line)).not.toMatch(/[\u3400-\u9fff]/);
    }
  });
});
