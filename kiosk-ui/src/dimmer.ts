// The idle screen's dimming: after Screen:DimAfterSeconds on idle without a touch the page lays a
// dark veil over itself (less light from the panel, and what stays lit moves slowly, so nothing
// burns in). Any touch, tap or key wakes it at once. The veil never takes pointer events: the touch
// that wakes the screen still reaches what was touched, so no member's tap is lost.
import { h } from "./dom";

/** Where the dimmer keeps its timer, so tests can drive time. */
export interface DimClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class Dimmer {
  /** The veil; its hint is set by the view in the screen's language. */
  readonly veil: HTMLElement;
  private readonly hint: HTMLElement;
  private timer: unknown;
  private dimAfterMs = 0;
  private idle = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly clock: DimClock = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t as number) },
  ) {
    this.hint = h("div", { class: "dim-hint", "data-testid": "dim-hint" });
    this.veil = h("div", { class: "dim-veil", "data-testid": "dim-veil", "aria-hidden": "true" }, this.hint);
    root.append(this.veil);
    root.dataset.dimmed = "false";
    // Capture, so a wake happens before whatever the touch lands on reacts (and even if it stops it).
    for (const type of ["pointerdown", "touchstart", "keydown", "wheel"] as const) {
      root.ownerDocument.addEventListener(type, () => this.touched(), { capture: true, passive: true });
    }
  }

  get dimmed(): boolean {
    return this.root.dataset.dimmed === "true";
  }

  setHint(...content: Node[]): void {
    this.hint.replaceChildren(...content);
  }

  /** The idle screen is shown (again): dim after dimAfterSeconds without a touch; 0 never. */
  showingIdle(dimAfterSeconds: number): void {
    const ms = Math.max(0, dimAfterSeconds) * 1000;
    // The same idle screen re-sent (e.g. the link state changed) keeps its countdown and its dimness.
    if (this.idle && ms === this.dimAfterMs) return;
    this.idle = true;
    this.dimAfterMs = ms;
    this.arm();
  }

  /** Any other screen: awake, no timer (a member's screen is never dimmed). */
  showingOther(): void {
    this.idle = false;
    this.wake();
  }

  private touched(): void {
    this.wake();
  }

  private wake(): void {
    this.root.dataset.dimmed = "false";
    this.arm();
  }

  private arm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.idle || this.dimAfterMs === 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.root.dataset.dimmed = "true";
    }, this.dimAfterMs);
  }
}
