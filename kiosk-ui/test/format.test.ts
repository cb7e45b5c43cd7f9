import { describe, expect, it } from "vitest";
import { formatAsOf, formatClock, formatInteger, formatMoney } from "../src/format";

describe("formatMoney", () => {
  it("formats CNY minor units with the yuan sign and thousands separators", () => {
    expect(formatMoney(123450n, "CNY")).toBe("¥1,234.50");
    expect(formatMoney(0n, "CNY")).toBe("¥0.00");
    expect(formatMoney(5n, "CNY")).toBe("¥0.05");
    expect(formatMoney(100n, "CNY")).toBe("¥1.00");
    expect(formatMoney(123456789012n, "CNY")).toBe("¥1,234,567,890.12");
  });

  it("puts the sign before the symbol", () => {
    expect(formatMoney(-250n, "CNY")).toBe("-¥2.50");
    expect(formatMoney(-123456n, "CNY")).toBe("-¥1,234.56");
  });

  it("is exact beyond the float range (never goes through a number)", () => {
    expect(formatMoney(9007199254740993n, "CNY")).toBe("¥90,071,992,547,409.93");
    expect(formatMoney(-9223372036854775808n, "CNY")).toBe("-¥92,233,720,368,547,758.08");
  });

  it("accepts lower-case codes and plain numbers", () => {
    expect(formatMoney(1999, "cny")).toBe("¥19.99");
  });

  it("knows zero-decimal currencies", () => {
    expect(formatMoney(1500n, "JPY")).toBe("JP¥1,500");
  });

  it("shows unknown codes as a prefix and an empty code as a bare amount", () => {
    expect(formatMoney(1200n, "SGD")).toBe("SGD 12.00");
    expect(formatMoney(1200n, "")).toBe("12.00");
  });
});

describe("formatInteger", () => {
  it("groups thousands", () => {
    expect(formatInteger(0n)).toBe("0");
    expect(formatInteger(999n)).toBe("999");
    expect(formatInteger(1000n)).toBe("1,000");
    expect(formatInteger(12345n)).toBe("12,345");
    expect(formatInteger(1234567n)).toBe("1,234,567");
    expect(formatInteger(-1234n)).toBe("-1,234");
    expect(formatInteger(9223372036854775807n)).toBe("9,223,372,036,854,775,807");
    expect(formatInteger(42)).toBe("42");
  });
});

describe("formatClock", () => {
  it("shows 24-hour local time and bilingual dates", () => {
    const c = formatClock(new Date(2025, 10, 22, 9, 5, 59));
    expect(c.time).toBe("09:05");
    expect(c.dateZh).toBe("11月22日 星期六");
    expect(c.dateEn).toBe("Sat 22 Nov");
  });
});

describe("formatAsOf", () => {
  it("names day and time of the last sync, in local time", () => {
    expect(formatAsOf(new Date(2026, 0, 3, 7, 4))).toEqual({ zh: "截至 1月3日 07:04", en: "As of 3 Jan 07:04" });
  });
});
