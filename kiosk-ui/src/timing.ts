// Pure timing rules: when a screen falls back to idle on its own, how the countdown bar is
// drawn, how long to wait before reconnecting, and which frames are stale.

/**
 * The agent owns clearing: it sends an idle screen when clear_after_seconds runs out. The UI
 * only falls back to idle by itself if that idle screen does not come (the stream broke), so it
 * waits this much longer than the deadline before it acts.
 */
export const FALLBACK_GRACE_MS = 750;

/** shown_at further in the future than this is not trusted (agent and UI share one clock). */
export const MAX_CLOCK_SKEW_MS = 2_000;

/**
 * When the screen's own time is up, in epoch ms, or undefined if it stays until the next change.
 * Counts from shown_at when the agent set it (so a screen re-sent after a reconnect keeps its
 * original deadline), but never later than clear_after_seconds after the UI received it.
 */
export function clearDeadline(
  receivedAtMs: number,
  clearAfterSeconds: number,
  shownAtMs?: number,
): number | undefined {
  if (!(clearAfterSeconds > 0)) return undefined;
  const span = clearAfterSeconds * 1000;
  const byReceipt = receivedAtMs + span;
  if (shownAtMs === undefined || !Number.isFinite(shownAtMs) || shownAtMs <= 0) return byReceipt;
  if (shownAtMs > receivedAtMs + MAX_CLOCK_SKEW_MS) return byReceipt;
  return Math.min(byReceipt, shownAtMs + span);
}

export interface Countdown {
  /** Whole length of the countdown in ms (clear_after_seconds). */
  totalMs: number;
  /** Time left at the moment the screen is drawn, in ms (0..totalMs). */
  remainingMs: number;
}

/** The countdown bar for a screen drawn at nowMs, or undefined when it never clears. */
export function countdownAt(
  nowMs: number,
  clearAfterSeconds: number,
  deadlineMs: number | undefined,
): Countdown | undefined {
  if (deadlineMs === undefined || !(clearAfterSeconds > 0)) return undefined;
  const totalMs = clearAfterSeconds * 1000;
  const remainingMs = Math.max(0, Math.min(totalMs, deadlineMs - nowMs));
  return { totalMs, remainingMs };
}

/** Fraction of the countdown bar still filled at nowMs (1 = full, 0 = empty). */
export function remainingFraction(c: Countdown): number {
  return c.totalMs > 0 ? c.remainingMs / c.totalMs : 0;
}

export const RECONNECT_MIN_MS = 1_000;
export const RECONNECT_MAX_MS = 5_000;

/** Delay before reconnect attempt number `attempt` (0-based): 1 s, 2 s, 4 s, then 5 s forever. */
export function reconnectDelayMs(attempt: number): number {
  const a = Math.max(0, Math.min(attempt, 10));
  return Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** a);
}

/**
 * Drops frames that are older than the one already shown within the same stream. Every new
 * stream starts with the agent's current screen, which is always taken (the agent may have
 * restarted and begun counting again). Sequence 0 means "not numbered" and is always taken.
 */
export class SequenceGate {
  private last: bigint | undefined;

  /** Call when a new stream starts. */
  reset(): void {
    this.last = undefined;
  }

  /** True if the frame with this sequence should be shown. */
  accept(sequence: bigint): boolean {
    if (sequence === 0n) return true;
    if (this.last !== undefined && sequence <= this.last) return false;
    this.last = sequence;
    return true;
  }
}
