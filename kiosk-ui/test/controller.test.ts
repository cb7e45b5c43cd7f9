import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ConnectionState, KioskController, type KioskView } from "../src/controller";
import { DeviceSimulator, type TapCardRequest } from "../src/gen/kiosk/v1/device_simulator_pb";
import {
  DemoCardSchema,
  type KioskInfo,
  type KioskInfoSchema,
  KioskUi,
  type Screen,
  ScreenSchema,
} from "../src/gen/kiosk/v1/kiosk_ui_pb";
import type { Countdown } from "../src/timing";
import type { ViewModel } from "../src/viewmodel";

/** One scripted stream: frames to send, an error to fail with, a pause in ms, or "end". */
type Script = Array<Screen | Error | number | "end">;

/** A fake agent: each WatchScreen call plays the next script, then stays open. */
class FakeAgent {
  streams: Script[] = [];
  down = false;
  infoCalls = 0;
  beats: number[] = [];
  taps: TapCardRequest[] = [];
  info: MessageInitShape<typeof KioskInfoSchema> = { kioskId: "K-1", demoMode: true };

  transport() {
    return createRouterTransport(({ service }) => {
      service(KioskUi, {
        getKioskInfo: () => {
          this.infoCalls++;
          if (this.down) throw new ConnectError("down", Code.Unavailable);
          return this.info;
        },
        heartbeat: () => {
          this.beats.push(Date.now());
          if (this.down) throw new ConnectError("down", Code.Unavailable);
          return { intervalSeconds: 3 };
        },
        watchScreen: async function* (this: void, _req, ctx) {
          const script = agent.streams.shift() ?? [];
          for (const item of script) {
            if (item === "end") return;
            if (item instanceof Error) throw item;
            if (typeof item === "number") await new Promise((r) => setTimeout(r, item));
            else yield item;
          }
          // Stay open (like a live agent) until the client goes away.
          await new Promise<void>((r) => ctx.signal.addEventListener("abort", () => r()));
        },
      });
      service(DeviceSimulator, {
        tapCard: (req) => {
          this.taps.push(req);
          return { readerId: "r0", cardUid: req.cardUid };
        },
      });
    });
  }
}
let agent: FakeAgent;

class FakeView implements KioskView {
  screens: Array<{ model: ViewModel; countdown?: Countdown }> = [];
  states: ConnectionState[] = [];
  infos: KioskInfo[] = [];
  showScreen(model: ViewModel, countdown?: Countdown) {
    this.screens.push({ model, countdown });
  }
  setConnection(state: ConnectionState) {
    this.states.push(state);
  }
  setKioskInfo(info: KioskInfo) {
    this.infos.push(info);
  }
  get last() {
    return this.screens[this.screens.length - 1]?.model;
  }
}

const member = (sequence: bigint, clearAfterSeconds = 0, shownAt?: number) =>
  create(ScreenSchema, {
    sequence,
    clearAfterSeconds,
    shownAt: shownAt === undefined ? undefined : timestampFromMs(shownAt),
    view: {
      case: "member",
      value: { maskedName: `M${sequence}`, balance: { amountMinor: 100n, currency: "CNY" } },
    },
  });
const idle = (sequence: bigint, greeting = "") =>
  create(ScreenSchema, { sequence, view: { case: "idle", value: { greeting } } });

function setup() {
  const transport = agent.transport();
  const view = new FakeView();
  const controller = new KioskController(
    { ui: createClient(KioskUi, transport), simulator: createClient(DeviceSimulator, transport) },
    view,
    { delayMs: () => 1000 },
  );
  return { view, controller };
}

beforeEach(() => {
  agent = new FakeAgent();
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(1_700_000_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("KioskController", () => {
  it("starts on idle, fetches KioskInfo, then renders every screen in order", async () => {
    agent.streams.push([idle(1n, "你好"), member(2n)]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(agent.infoCalls).toBe(1);
    expect(view.infos[0]?.kioskId).toBe("K-1");
    expect(view.screens.map((s) => s.model.kind)).toEqual(["idle", "idle", "member"]);
    expect(view.screens[1]?.model).toEqual({ kind: "idle", greeting: "你好", dimAfterSeconds: 0, qrAccepted: false });
    expect(view.states).toEqual(["connecting", "online"]);
    controller.stop();
  });

  it("beats at the interval the agent names, and keeps beating while the agent is down", async () => {
    const { controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(agent.beats).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(agent.beats).toHaveLength(2);
    agent.down = true;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(agent.beats).toHaveLength(4);
    controller.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(agent.beats).toHaveLength(4);
  });

  it("rests on the enrollment screen like idle: a timed-out member screen falls back to it, not to idle", async () => {
    const enrollment = create(ScreenSchema, {
      sequence: 1n,
      view: { case: "enrollment", value: { state: { code: "12345678", fingerprint: "ab", address: "10.0.0.2:5443" }, triesAllowed: 5 } },
    });
    agent.streams.push([enrollment, member(2n, 2, 1_700_000_000_000)]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(view.screens.map((s) => s.model.kind)).toEqual(["idle", "enrollment", "member"]);
    expect(view.screens[1]?.countdown).toBeUndefined();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(view.last?.kind).toBe("enrollment");
    controller.stop();
  });

  it("ignores stale frames within a stream", async () => {
    agent.streams.push([member(5n), member(4n), member(5n), idle(6n)]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(view.screens.map((s) => s.model.kind)).toEqual(["idle", "member", "idle"]);
    controller.stop();
  });

  it("reconnects after the stream fails and takes the new stream's first frame", async () => {
    agent.streams.push([member(7n), new ConnectError("gone", Code.Unavailable)]);
    agent.streams.push([member(1n)]); // agent restarted: counting begins again
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(view.states).toEqual(["connecting", "online", "reconnecting"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(agent.infoCalls).toBe(2);
    expect(view.states).toEqual(["connecting", "online", "reconnecting", "online"]);
    expect(view.last).toMatchObject({ kind: "member", name: "M1" });
    controller.stop();
  });

  it("keeps retrying while the agent is unreachable, then recovers", async () => {
    agent.down = true;
    agent.streams.push([member(1n)]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10_500);
    expect(agent.infoCalls).toBe(11);
    expect(view.states).toEqual(["connecting", "reconnecting"]);
    expect(view.last?.kind).toBe("idle");
    agent.down = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(view.states).toEqual(["connecting", "reconnecting", "online"]);
    expect(view.last?.kind).toBe("member");
    controller.stop();
  });

  it("ends a stream that the agent closes and opens a new one", async () => {
    agent.streams.push([idle(1n), "end"]);
    agent.streams.push([member(2n)]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(view.states).toEqual(["connecting", "online", "reconnecting"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(view.states).toEqual(["connecting", "online", "reconnecting", "online"]);
    expect(view.last?.kind).toBe("member");
    controller.stop();
  });

  it("falls back to idle by itself when clear_after_seconds passes without a new screen", async () => {
    agent.streams.push([idle(1n, "欢迎"), member(2n, 5, Date.now())]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(view.last?.kind).toBe("member");
    expect(view.screens.at(-1)?.countdown).toEqual({ totalMs: 5000, remainingMs: 5000 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(view.last?.kind).toBe("member"); // the agent gets a short grace to clear it itself
    await vi.advanceTimersByTimeAsync(1000);
    expect(view.last).toEqual({ kind: "idle", greeting: "欢迎", dimAfterSeconds: 0, qrAccepted: false });
    controller.stop();
  });

  it("cancels the fallback when the next screen arrives", async () => {
    agent.streams.push([member(1n, 5), 3000, member(2n, 0)]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(3010);
    expect(view.last).toMatchObject({ kind: "member", name: "M2" });
    expect(view.screens.at(-1)?.countdown).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view.last).toMatchObject({ kind: "member", name: "M2" });
    controller.stop();
  });

  it("stops cleanly: no reconnects and no fallback after stop()", async () => {
    agent.streams.push([member(1n, 5)]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    controller.stop();
    const count = view.screens.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view.screens.length).toBe(count);
    expect(agent.infoCalls).toBe(1);
  });

  it("does not flash a screen whose time already ran out", async () => {
    agent.streams.push([member(3n, 5, Date.now() - 60_000)]);
    const { view, controller } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(view.screens.map((s) => s.model.kind)).toEqual(["idle", "idle"]);
    controller.stop();
  });

  it("taps a demo card through the device simulator", async () => {
    const { controller } = setup();
    await controller.tapCard(
      create(DemoCardSchema, { readerId: "reader-2", cardUid: "04A1B2C3D4E5F6", label: "x" }),
    );
    expect(agent.taps).toHaveLength(1);
    expect(agent.taps[0]).toMatchObject({ readerId: "reader-2", cardUid: "04A1B2C3D4E5F6" });
  });
});
