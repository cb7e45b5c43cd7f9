// Puts messages on the screen in the kiosk's language(s): one span per language, the first one
// first, each marked with its lang. Numbers and money are the same in both languages, so they are
// formatted by the first.
import { h } from "../dom";
import type { Msg } from "./messages";
import { languagesOf, type LanguageMode, Translator } from "./translator";

export class Voice {
  private readonly translators: Translator[];

  constructor(readonly mode: LanguageMode, timeZone?: string) {
    this.translators = languagesOf(mode).map((lang) => new Translator(lang, timeZone));
  }

  /** The first language's formats. */
  get primary(): Translator {
    return this.translators[0]!;
  }

  /** A phrase or sentence, inline: "l1" then, in bilingual mode, "l2". */
  say(m: Msg, cls = "", attrs: Record<string, string | undefined> = {}): HTMLElement {
    return h("span", { class: cls ? `say ${cls}` : "say", ...attrs }, ...this.parts(m));
  }

  /** A label over or beside a value. */
  label(m: Msg, cls = ""): HTMLElement {
    return h("div", { class: cls ? `label ${cls}` : "label" }, ...this.parts(m));
  }

  /** Something each language formats its own way (a date), inline like say(). */
  format(f: (t: Translator) => string, cls = ""): HTMLElement {
    return h("span", { class: cls ? `say ${cls}` : "say" }, ...this.translators.map((t, i) => h("span", { class: i === 0 ? "l1" : "l2", lang: t.lang }, f(t))));
  }

  /** Plain text in every language of the mode (for a title or an aria-label). */
  plain(m: Msg): string {
    return this.translators.map((t) => t.text(m)).join(" · ");
  }

  int(n: bigint | number): string {
    return this.primary.int(n);
  }

  money(minor: bigint, currency: string): string {
    return this.primary.money(minor, currency);
  }

  private parts(m: Msg): HTMLElement[] {
    if (m.key === "raw") return [h("span", { class: "l1", translate: "no" }, m.params.text)];
    return this.translators.map((t, i) => h("span", { class: i === 0 ? "l1" : "l2", lang: t.lang }, t.text(m)));
  }
}
