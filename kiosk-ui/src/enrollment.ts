// The enrollment screen a technician reads on a kiosk nobody enrolled yet (decision 0006): the code,
// large and grouped, with its time left counting down; the key's fingerprint, the address and the
// serial, and the same QR as the printed slip (never the code). "New code" ends the old code at once;
// "Print slip" prints it all. The agent pushes every change (a wrong try, a burned code, a new one)
// and takes the screen away once a technician enrolled.
import type { Client } from "@connectrpc/connect";
import "./enrollment.css";
import { h } from "./dom";
import { type EnrollmentModel, groupDigits, groupHex, phaseOf, statusLine } from "./enrollmentmodel";
import type { KioskUi } from "./gen/kiosk/v1/kiosk_ui_pb";
import { actionButton } from "./gifts";
import { msg, type Msg } from "./i18n/messages";
import type { Voice } from "./i18n/voice";
import { qrCanvas } from "./qr";

/** What the screen's buttons ask the agent; the screen itself follows on WatchScreen. */
export interface EnrollmentActions {
  regenerate(): Promise<void>;
  /** Rejects when nothing can be printed (no printer). */
  printSlip(): Promise<void>;
}

export class EnrollmentClient implements EnrollmentActions {
  constructor(private readonly client: Client<typeof KioskUi>) {}

  async regenerate(): Promise<void> {
    await this.client.regenerateEnrollmentCode({});
  }

  async printSlip(): Promise<void> {
    await this.client.printEnrollmentSlip({});
  }
}

export function enrollmentScreen(v: Voice, m: EnrollmentModel, actions?: EnrollmentActions): HTMLElement {
  const phase = phaseOf(m, Date.now());
  const status = h("div", { class: "enroll-status", "data-testid": "enroll-status", role: "status" });
  const screen = h(
    "section",
    { class: "screen screen-enroll", "data-testid": "screen-enrollment", "data-phase": phase, "data-reopened": String(m.reopened) },
    h("h1", { class: "enroll-title", "data-fit": "1.2" }, v.say(msg(m.reopened ? "enroll.titleReopened" : "enroll.title"))),
    h(
      "div",
      { class: "enroll-body" },
      h(
        "div",
        { class: "enroll-main" },
        v.label(msg("enroll.code"), "enroll-label"),
        h("div", { class: "enroll-code", "data-testid": "enroll-code", "data-fit": "1.6", translate: "no" }, m.code ? groupDigits(m.code) : "–––– ––––"),
        status,
        fact(v, msg("enroll.fingerprint"), groupHex(m.fingerprint), "enroll-fingerprint"),
        fact(v, msg("enroll.address"), m.address, "enroll-address"),
        fact(v, msg("enroll.serial"), m.serial, "enroll-serial"),
      ),
      h("div", { class: "enroll-side" }, qrCanvas(m.qrRows, "enroll-qr", "enroll-qr"), v.say(msg("enroll.qrHint"), "enroll-hint")),
    ),
    h(
      "div",
      { class: "enroll-how" },
      v.say(msg("enroll.how"), "enroll-hint"),
      // One unbreakable span per word: a line breaks between words, never inside "--code".
      h(
        "code",
        { class: "enroll-command", "data-testid": "enroll-command", translate: "no" },
        ...["kioskctl", "enroll", m.address, "--code", m.code || "…"].flatMap((word, i) => [i > 0 ? " " : null, h("span", {}, word)]),
      ),
    ),
    controls(v, m, phase, actions),
  );
  keepCounting(v, m, status, screen);
  return screen;
}

function fact(v: Voice, label: Msg, value: string, testId: string): HTMLElement {
  return h("div", { class: "enroll-fact" }, v.label(label, "enroll-label"), h("span", { class: "enroll-value", "data-testid": testId, translate: "no" }, value));
}

function controls(v: Voice, m: EnrollmentModel, phase: string, actions?: EnrollmentActions): HTMLElement {
  const printed = h("div", { class: "enroll-print-status", "data-testid": "enroll-print-status", role: "status" });
  const row = h(
    "div",
    { class: "enroll-controls" },
    printed,
    actionButton(v, msg("enroll.newCode"), "enroll-new-code", phase === "burned" ? "primary" : "secondary", async () => {
      await actions?.regenerate();
    }),
  );
  if (m.code) {
    row.append(
      actionButton(v, msg("enroll.print"), "enroll-print", "secondary", async () => {
        const done = (state: string, text: Msg) => {
          printed.dataset.state = state;
          printed.replaceChildren(v.say(text));
        };
        await actions?.printSlip().then(
          () => done("printing", msg("enroll.printing")),
          () => done("failed", msg("enroll.printFailed")),
        );
      }),
    );
  }
  return row;
}

/** The time left, once a second, for as long as this screen is on the page. */
function keepCounting(v: Voice, m: EnrollmentModel, status: HTMLElement, screen: HTMLElement): void {
  let last = "";
  const update = () => {
    const now = Date.now();
    const line = statusLine(m, now);
    const key = JSON.stringify(line);
    if (key === last) return;
    last = key;
    screen.dataset.phase = phaseOf(m, now);
    status.replaceChildren(v.say(line));
  };
  update();
  const timer = setInterval(() => {
    if (!screen.isConnected) {
      clearInterval(timer);
      return;
    }
    update();
  }, 250);
}
