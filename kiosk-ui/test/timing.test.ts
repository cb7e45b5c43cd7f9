import { describe, expect, it } from "vitest";
import {
  clearDeadline,
  countdownAt,
  MAX_CLOCK_SKEW_MS,
  reconnectDelayMs,
  remainingFraction,
  SequenceGate,
} from "../src/timing";

const T = 1_700_000_000_000;

describe("clearDeadline", () => {
  it("is undefined when the screen stays until the next change", () => {
    expect(clearDeadline(T, 0)).toBeUndefined();
    expect(clearDeadline(T, 0, T)).toBeUndefined();
  });

  it("counts from receipt when shown_at is missing", () => {
    expect(clearDeadline(T, 8)).toBe(T + 8000);
  });

  it("counts from shown_at, so a screen re-sent later keeps its original deadline", () => {
    expect(clearDeadline(T, 8, T - 3000)).toBe(T + 5000);
    expect(clearDeadline(T, 8, T - 60_000)).toBe(T - 52_000);
  });

  it("never lets the screen stay longer than clear_after_seconds after receipt", () => {
    expect(clearDeadline(T, 8, T + 1500)).toBe(T + 8000);
  });

  it("ignores a shown_at from the far future (clock trouble)", () => {
    expect(clearDeadline(T, 8, T + MAX_CLOCK_SKEW_MS + 1)).toBe(T + 8000);
  });
});

describe("countdown", () => {
  it("reports what is left, clamped to the screen's length", () => {
    expect(countdownAt(T, 10, undefined)).toBeUndefined();
    expect(countdownAt(T, 10, T + 4000)).toEqual({ totalMs: 10_000, remainingMs: 4000 });
    expect(countdownAt(T, 10, T - 1)).toEqual({ totalMs: 10_000, remainingMs: 0 });
    expect(countdownAt(T, 10, T + 99_000)).toEqual({ totalMs: 10_000, remainingMs: 10_000 });
    expect(remainingFraction({ totalMs: 10_000, remainingMs: 2500 })).toBe(0.25);
  });
});

describe("reconnectDelayMs", () => {
  it("backs off from 1 s to at most 5 s and stays there", () => {
    expect([0, 1, 2, 3, 4, 50, 1e9].map(reconnectDelayMs)).toEqual([
      1000, 2000, 4000, 5000, 5000, 5000, 5000,
    ]);
  });
});

describe("SequenceGate", () => {
  it("drops stale or repeated frames within a stream", () => {
    const g = new SequenceGate();
    expect(g.accept(5n)).toBe(true);
    expect(g.accept(6n)).toBe(true);
    expect(g.accept(6n)).toBe(false);
    expect(g.accept(4n)).toBe(false);
    expect(g.accept(9n)).toBe(true);
  });

  it("takes the first frame of a new stream even if the agent restarted its count", () => {
    const g = new SequenceGate();
    g.accept(40n);
    g.reset();
    expect(g.accept(1n)).toBe(true);
  });

  it("always takes unnumbered frames", () => {
    const g = new SequenceGate();
    g.accept(3n);
    expect(g.accept(0n)).toBe(true);
    expect(g.accept(0n)).toBe(true);
  });
});
