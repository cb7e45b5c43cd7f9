import { describe, expect, it } from "vitest";
import { KEEP_ALIVE_INTERVAL_MS, StaffKeepAlive } from "../src/staffkeepalive";

describe("staff keep-alive", () => {
  const make = (idleSeconds?: number) => {
    let now = 1_000_000;
    let sent = 0;
    const keep = new StaffKeepAlive(
      () => {
        sent++;
        return Promise.resolve(idleSeconds);
      },
      () => now,
    );
    return { keep, advance: (ms: number) => (now += ms), sent: () => sent };
  };

  it("sends a touch on a staff screen at once, then at most once per interval", () => {
    const k = make();
    expect(k.keep.touched("draw-setup")).toBe(true);
    k.advance(KEEP_ALIVE_INTERVAL_MS - 1);
    expect(k.keep.touched("draw-setup")).toBe(false);
    k.advance(1);
    expect(k.keep.touched("checkin-feed")).toBe(true);
    expect(k.sent()).toBe(2);
  });

  it("passes touches on three times per idle time when the session's idle time is short", async () => {
    const k = make(6);
    expect(k.keep.touched("staff-home")).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    k.advance(1_999);
    expect(k.keep.touched("draw-setup")).toBe(false);
    k.advance(1);
    expect(k.keep.touched("draw-setup")).toBe(true);
    expect(k.sent()).toBe(2);
  });

  it("never sends from member screens, the PIN pad or before anything is shown", () => {
    const k = make();
    for (const kind of ["idle", "member", "gifts", "refusal", "staff-login", "enrollment", undefined] as const) {
      expect(k.keep.touched(kind)).toBe(false);
    }
    expect(k.sent()).toBe(0);
  });

  it("swallows a refusal (no session any more): the screen stream shows what follows", async () => {
    const keep = new StaffKeepAlive(() => Promise.reject(new Error("no session")));
    expect(keep.touched("staff-home")).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
  });
});
