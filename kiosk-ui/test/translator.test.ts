import { describe, expect, it } from "vitest";
import { refusal } from "../src/i18n/codes";
import { msg } from "../src/i18n/messages";
import { decimalString, languagesOf, parseLanguageMode, Translator } from "../src/i18n/translator";
import { en } from "../src/i18n/en";
import { zhCN } from "../src/i18n/zh-CN";

const zh = new Translator("zh-CN", "UTC");
const english = new Translator("en", "UTC");

describe("money", () => {
  it("formats CNY minor units with the yuan sign and thousands separators, in both languages", () => {
    expect(zh.money(123450n, "CNY")).toBe("¥1,234.50");
    expect(english.money(123450n, "CNY")).toBe("¥1,234.50");
    expect(zh.money(0n, "CNY")).toBe("¥0.00");
    expect(zh.money(5n, "CNY")).toBe("¥0.05");
    expect(zh.money(987654321n, "CNY")).toBe("¥9,876,543.21");
  });

  it("puts the sign before the symbol", () => {
    expect(zh.money(-250n, "CNY")).toBe("-¥2.50");
  });

  it("is exact beyond the float range (the amount reaches Intl as a decimal string)", () => {
    expect(zh.money(9007199254740993n, "CNY")).toBe("¥90,071,992,547,409.93");
    expect(decimalString(-9223372036854775808n, 2)).toBe("-92233720368547758.08");
  });

  it("knows zero-decimal currencies and shows an unknown code before a bare amount", () => {
    expect(zh.money(1500n, "JPY")).toBe("¥1,500");
    expect(zh.money(1200n, "XQQ")).toBe("XQQ\u00a012.00");
    expect(zh.money(1200n, "Y1")).toBe("Y1 12.00");
    expect(zh.money(1200n, "")).toBe("12.00");
    expect(zh.money(1999n, "cny")).toBe("¥19.99");
  });
});

describe("numbers and dates", () => {
  it("groups thousands", () => {
    expect(zh.int(1234567n)).toBe("1,234,567");
    expect(english.int(9223372036854775807n)).toBe("9,223,372,036,854,775,807");
    expect(zh.int(-1234)).toBe("-1,234");
  });

  it("writes a calendar day the way each language does, whatever the zone", () => {
    expect(zh.day("2026-12-31")).toBe("2026年12月31日");
    expect(english.day("2026-12-31")).toBe("Dec 31, 2026");
    expect(new Translator("en", "Pacific/Kiritimati").day("2026-01-01")).toBe("Jan 1, 2026");
    expect(zh.day("soon")).toBe("soon");
  });

  it("shows the clock in 24 hours and the date per language", () => {
    const d = new Date(Date.UTC(2025, 10, 22, 9, 5, 59));
    expect(zh.clockTime(d)).toBe("09:05");
    expect(english.clockTime(d)).toBe("09:05");
    expect(zh.clockDate(d)).toBe("11月22日周六");
    expect(english.clockDate(d)).toBe("Sat, Nov 22");
  });
});

describe("catalogues", () => {
  it("say every message in whole sentences, each in its own language", () => {
    const p = msg("member.expiringOn", { points: 12500n, day: "2026-12-15" });
    expect(zh.text(p)).toBe("12,500 积分将于 2026年12月15日 到期");
    expect(english.text(p)).toBe("12,500 points expire on Dec 15, 2026");
  });

  it("cover the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it("translate the agent's refusal codes and keep its words for a code they do not know", () => {
    expect(english.text(refusal("card_lost", "此卡已挂失 · lost"))).toBe("This card has been reported lost.");
    expect(zh.text(refusal("card_read_timeout", ""))).toBe("未能读取卡片，请重新刷卡");
    expect(english.text(refusal("card_identity_bad_cmac", ""))).toBe("This card could not be verified. Please ask at the service desk.");
    expect(english.text(refusal("card_new_kind", "新的原因 · new reason"))).toBe("新的原因 · new reason");
    expect(zh.text(refusal("card_new_kind", ""))).toBe("暂时无法处理此卡");
    expect(zh.text(refusal("member_data_unavailable", "x · y"))).toBe("会员数据正在更新，请稍后再试");
    expect(english.text(refusal("qr_unknown", "x · y"))).toBe("This member code is not valid or has expired. Please refresh it on your phone.");
    expect(zh.text(refusal("qr_bad_length", "x · y"))).toBe("无法识别此会员码，请在手机上刷新后重试");
    expect(english.text(refusal("qr_voucher_staff_only", "x · y"))).toBe("Vouchers are redeemed by staff. Please ask at the service desk.");
  });
});

describe("language modes", () => {
  it("default to zh-CN and list bilingual as Chinese first", () => {
    expect(parseLanguageMode("")).toBe("zh-CN");
    expect(parseLanguageMode("fr")).toBe("zh-CN");
    expect(parseLanguageMode("en")).toBe("en");
    expect(languagesOf("bilingual")).toEqual(["zh-CN", "en"]);
  });
});
