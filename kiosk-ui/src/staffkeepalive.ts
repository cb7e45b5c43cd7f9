// Staff mode ends after Staff:SessionIdleSeconds without activity. The agent sees activity when a
// staff screen asks it something; a screen that works on its own for a while (the draw set-up form,
// scrolling the feed) tells it with StaffService.KeepSessionAlive on a touch, at most once per
// interval, so a long set-up does not end the session under the staff member's fingers.
import type { ViewModel } from "./viewmodel";

/** The screens of an open staff session (not the PIN pad: no session is open there yet). */
const STAFF_SCREENS: ReadonlySet<ViewModel["kind"]> = new Set(["staff-home", "draw-setup", "draw-stage", "voucher-desk", "checkin-picker", "checkin-feed"]);

export const KEEP_ALIVE_INTERVAL_MS = 10_000;

export class StaffKeepAlive {
  private last = Number.NEGATIVE_INFINITY;
  private intervalMs = KEEP_ALIVE_INTERVAL_MS;

  /** @param send asks the agent; answers the session's idle seconds when it knows them. */
  constructor(
    private readonly send: () => Promise<number | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A touch on the screen showing <paramref name="kind"/>: true when it was sent on to the agent. */
  touched(kind: ViewModel["kind"] | undefined): boolean {
    if (!kind || !STAFF_SCREENS.has(kind)) return false;
    const now = this.now();
    if (now - this.last < this.intervalMs) return false;
    this.last = now;
    // A short idle time (a shop's setting) gets touches passed on often enough: three per idle time.
    this.send().then(
      (idleSeconds) => {
        if (idleSeconds) this.intervalMs = Math.min(KEEP_ALIVE_INTERVAL_MS, (idleSeconds * 1000) / 3);
      },
      // No session any more (it ended, or another tab logged out): the screen stream says so.
      () => undefined,
    );
    return true;
  }
}
