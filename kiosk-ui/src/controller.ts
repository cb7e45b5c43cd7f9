// Keeps the UI in step with the agent: fetches KioskInfo, follows WatchScreen, reconnects with
// backoff forever, and falls back to idle on its own if a screen outlives clear_after_seconds.
// Knows nothing about the DOM; it drives a KioskView.
import type { Client } from "@connectrpc/connect";
import type { DeviceSimulator } from "./gen/kiosk/v1/device_simulator_pb";
import type { DemoCard, KioskInfo, KioskUi, Screen } from "./gen/kiosk/v1/kiosk_ui_pb";
import {
  clearDeadline,
  countdownAt,
  type Countdown,
  FALLBACK_GRACE_MS,
  reconnectDelayMs,
  SequenceGate,
} from "./timing";
import { IDLE, isResting, type LinkModel, linkOf, shownAtMs, toViewModel, type ViewModel } from "./viewmodel";

export type ConnectionState = "connecting" | "online" | "reconnecting";

/** Heartbeat interval until the agent names its own. */
const HEARTBEAT_DEFAULT_MS = 5_000;

/** What the controller needs from the screen. */
export interface KioskView {
  showScreen(model: ViewModel, countdown?: Countdown): void;
  setConnection(state: ConnectionState): void;
  setKioskInfo(info: KioskInfo): void;
  /** Central's reachability, from every screen frame (the offline banner). */
  setLink?(link: LinkModel): void;
}

export interface KioskClients {
  ui: Client<typeof KioskUi>;
  simulator: Client<typeof DeviceSimulator>;
}

export interface ControllerOptions {
  now?: () => number;
  /** Reconnect delays; defaults to 1 s .. 5 s. */
  delayMs?: (attempt: number) => number;
}

export class KioskController {
  private readonly gate = new SequenceGate();
  private readonly now: () => number;
  private readonly delayMs: (attempt: number) => number;
  private abort: AbortController | undefined;
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined;
  private idleModel: ViewModel = IDLE;
  private connection: ConnectionState | undefined;

  constructor(
    private readonly clients: KioskClients,
    private readonly view: KioskView,
    options: ControllerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.delayMs = options.delayMs ?? reconnectDelayMs;
  }

  /** Shows idle and starts following the agent. Returns the running loop (it never rejects). */
  start(): Promise<void> {
    this.stop();
    const abort = new AbortController();
    this.abort = abort;
    this.view.showScreen(this.idleModel);
    this.setConnection("connecting");
    void this.beat(abort.signal);
    return this.run(abort.signal);
  }

  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.cancelFallback();
  }

  /** Demo panel action: presents a card to a simulated reader. */
  async tapCard(card: DemoCard): Promise<void> {
    await this.clients.simulator.tapCard({ readerId: card.readerId, cardUid: card.cardUid });
  }

  private async run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      try {
        const info = await this.clients.ui.getKioskInfo({}, { signal });
        this.view.setKioskInfo(info);
        this.gate.reset();
        for await (const screen of this.clients.ui.watchScreen({}, { signal })) {
          attempt = 0;
          this.setConnection("online");
          if (this.gate.accept(screen.sequence)) this.apply(screen);
        }
      } catch {
        // Any failure (agent down, stream reset, bad frame) ends this attempt; retry below.
      }
      if (signal.aborted) return;
      this.setConnection("reconnecting");
      await sleep(this.delayMs(attempt++), signal);
    }
  }

  /**
   * Tells the agent the page is alive, as often as the agent asks (it reports the screen as a
   * device that turns to a fault when the beats stop). Failures just wait for the next beat.
   */
  private async beat(signal: AbortSignal): Promise<void> {
    let intervalMs = HEARTBEAT_DEFAULT_MS;
    while (!signal.aborted) {
      try {
        const reply = await this.clients.ui.heartbeat({}, { signal });
        if (reply.intervalSeconds > 0) intervalMs = reply.intervalSeconds * 1000;
      } catch {
        // The agent is down or restarting: the watch loop shows it; keep beating.
      }
      await sleep(intervalMs, signal);
    }
  }

  private apply(screen: Screen): void {
    this.cancelFallback();
    this.view.setLink?.(linkOf(screen));
    const model = toViewModel(screen);
    if (isResting(model)) {
      // Idle, or the enrollment screen in its place: no deadline, and where a timed-out screen falls back to.
      this.idleModel = model;
      this.view.showScreen(model);
      return;
    }
    const now = this.now();
    const deadline = clearDeadline(now, screen.clearAfterSeconds, shownAtMs(screen));
    if (deadline !== undefined && deadline <= now) {
      // Already out of time (e.g. re-sent after a reconnect): do not flash it.
      this.view.showScreen(this.idleModel);
      return;
    }
    this.view.showScreen(model, countdownAt(now, screen.clearAfterSeconds, deadline));
    if (deadline !== undefined) {
      this.fallbackTimer = setTimeout(() => {
        this.fallbackTimer = undefined;
        this.view.showScreen(this.idleModel);
      }, deadline - now + FALLBACK_GRACE_MS);
    }
  }

  private cancelFallback(): void {
    if (this.fallbackTimer !== undefined) clearTimeout(this.fallbackTimer);
    this.fallbackTimer = undefined;
  }

  private setConnection(state: ConnectionState): void {
    if (state === this.connection) return;
    this.connection = state;
    this.view.setConnection(state);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
