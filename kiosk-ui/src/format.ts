// Pure formatting helpers. No DOM, no clocks: everything here is unit-tested.

/** Currencies the kiosk knows how to show; anything else falls back to its ISO code. */
const CURRENCIES: Record<string, { symbol: string; digits: number }> = {
  CNY: { symbol: "¥", digits: 2 },
  HKD: { symbol: "HK$", digits: 2 },
  USD: { symbol: "US$", digits: 2 },
  EUR: { symbol: "€", digits: 2 },
  GBP: { symbol: "£", digits: 2 },
  JPY: { symbol: "JP¥", digits: 0 },
  KRW: { symbol: "₩", digits: 0 },
};

/** Groups the digits of a non-negative integer string in threes: "1234567" -> "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Formats an integer (bigint or safe number) with thousands separators: 12345 -> "12,345". */
export function formatInteger(value: bigint | number): string {
  const n = typeof value === "bigint" ? value : BigInt(Math.trunc(value));
  const negative = n < 0n;
  const text = groupThousands((negative ? -n : n).toString());
  return negative ? `-${text}` : text;
}

/**
 * Formats money held in minor units (fen for CNY) without ever going through a float:
 * (123450n, "CNY") -> "¥1,234.50"; (-5n, "CNY") -> "-¥0.05".
 * Unknown currencies show their code ("SGD 12.00"); an empty code shows the bare amount.
 */
export function formatMoney(amountMinor: bigint | number, currency: string): string {
  const code = currency.trim().toUpperCase();
  const known = CURRENCIES[code];
  const digits = known?.digits ?? 2;
  const n = typeof amountMinor === "bigint" ? amountMinor : BigInt(Math.trunc(amountMinor));
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const scale = 10n ** BigInt(digits);
  const major = groupThousands((abs / scale).toString());
  const minor = digits > 0 ? "." + (abs % scale).toString().padStart(digits, "0") : "";
  const number = major + minor;
  const prefix = known ? known.symbol : code ? `${code} ` : "";
  return `${negative ? "-" : ""}${prefix}${number}`;
}

const WEEKDAYS_ZH = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const WEEKDAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface ClockText {
  /** "09:05" (24 h, local time). */
  time: string;
  /** "11月22日 星期六". */
  dateZh: string;
  /** "Sat 22 Nov". */
  dateEn: string;
}

/** Local wall-clock text for the idle screen. */
export function formatClock(d: Date): ClockText {
  const pad = (v: number) => v.toString().padStart(2, "0");
  return {
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
    dateZh: `${d.getMonth() + 1}月${d.getDate()}日 ${WEEKDAYS_ZH[d.getDay()]}`,
    dateEn: `${WEEKDAYS_EN[d.getDay()]} ${d.getDate()} ${MONTHS_EN[d.getMonth()]}`,
  };
}

export interface AsOfText {
  /** "截至 11月22日 10:05". */
  zh: string;
  /** "As of 22 Nov 10:05". */
  en: string;
}

/** "As of" text for figures from the kiosk's cache, in local time. */
export function formatAsOf(d: Date): AsOfText {
  const pad = (v: number) => v.toString().padStart(2, "0");
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return {
    zh: `截至 ${d.getMonth() + 1}月${d.getDate()}日 ${time}`,
    en: `As of ${d.getDate()} ${MONTHS_EN[d.getMonth()]} ${time}`,
  };
}
