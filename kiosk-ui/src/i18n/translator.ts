// Languages, their formats (Intl, in the language's locale) and the translation of messages.
import { en } from "./en";
import type { Catalogue, Context, Msg } from "./messages";
import { zhCN } from "./zh-CN";

export type Lang = "zh-CN" | "en";
/** Kiosk:Language: one language, or both (Chinese first). */
export type LanguageMode = Lang | "bilingual";

export const LANGUAGE_MODES: readonly LanguageMode[] = ["zh-CN", "en", "bilingual"];

/** The agent's Kiosk:Language; anything unknown is the default, zh-CN. */
export function parseLanguageMode(value: string): LanguageMode {
  return (LANGUAGE_MODES as readonly string[]).includes(value) ? (value as LanguageMode) : "zh-CN";
}

/** The languages a mode shows, the first one first. */
export function languagesOf(mode: LanguageMode): Lang[] {
  return mode === "bilingual" ? ["zh-CN", "en"] : [mode];
}

const CATALOGUES: Record<Lang, Catalogue> = { "zh-CN": zhCN, en };

/** Translates messages into one language, formatting numbers, money and dates in its locale. */
export class Translator implements Context {
  private readonly integer: Intl.NumberFormat;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private readonly clockDateFormat: Intl.DateTimeFormat;
  private readonly clockTimeFormat: Intl.DateTimeFormat;
  private readonly catalogue: Catalogue;

  constructor(readonly lang: Lang, timeZone?: string) {
    this.catalogue = CATALOGUES[lang];
    this.integer = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    // Calendar days ("2026-12-31") are not instants: format them as UTC so no zone can move them.
    this.dayFormat = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
    this.dateTimeFormat = new Intl.DateTimeFormat(lang, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
    this.clockDateFormat = new Intl.DateTimeFormat(lang, { month: "short", day: "numeric", weekday: "short", timeZone });
    this.clockTimeFormat = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  }

  text(m: Msg): string {
    const render = this.catalogue[m.key] as (p: unknown, c: Context) => string;
    return render(m.params, this);
  }

  int(n: bigint | number): string {
    return this.integer.format(typeof n === "bigint" ? n : Math.trunc(n));
  }

  /**
   * Money in minor units, never through a float: the amount goes to Intl as an exact decimal
   * string. An unknown or empty currency shows the bare amount after its code.
   */
  money(minor: bigint, currency: string): string {
    const code = currency.trim().toUpperCase();
    let format: Intl.NumberFormat | undefined;
    try {
      format = code ? new Intl.NumberFormat(this.lang, { style: "currency", currency: code, currencyDisplay: "narrowSymbol" }) : undefined;
    } catch {
      format = undefined;
    }
    const digits = format?.resolvedOptions().maximumFractionDigits ?? 2;
    const decimal = decimalString(minor, digits);
    const formatter = format ?? new Intl.NumberFormat(this.lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const text = (formatter.format as unknown as (v: string) => string)(decimal);
    return format || !code ? text : `${code} ${text}`;
  }

  day(isoDay: string): string {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
    if (!m) return isoDay;
    return this.dayFormat.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }

  dateTime(d: Date): string {
    return this.dateTimeFormat.format(d);
  }

  clockDate(d: Date): string {
    return this.clockDateFormat.format(d);
  }

  clockTime(d: Date): string {
    return this.clockTimeFormat.format(d);
  }
}

/** -5n, 2 -> "-0.05"; 123450n, 2 -> "1234.50"; 7n, 0 -> "7". */
export function decimalString(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? "." + (abs % scale).toString().padStart(digits, "0") : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
