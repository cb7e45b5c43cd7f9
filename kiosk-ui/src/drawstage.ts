// The prize-draw stage (抽奖): large, for a room. Before the draw it shows the commitment as text
// and QR; the draw's animation only runs through codes and always lands on the result the agent
// computed, stored and journaled before it sent this frame. Staff controls sit in one row below.
import "./drawstage.css";
import { actionButton } from "./gifts";
import { typeKey } from "./drawsetupmodel";
import { h } from "./dom";
import type { DrawStageEntrant, DrawStageView } from "./gen/kiosk/v1/draws_pb";
import { msg, type Msg } from "./i18n/messages";
import { qrCanvas } from "./qr";
import type { Voice } from "./i18n/voice";

export interface DrawStageModel {
  kind: "draw-stage";
  view: DrawStageView;
}

/** What the stage's buttons ask the agent (DrawService); the stage itself follows on WatchScreen. */
export interface DrawActions {
  freeze(drawId: string): Promise<void>;
  commit(drawId: string): Promise<void>;
  contribute(drawId: string, contribution: string): Promise<void>;
  openSetup(): Promise<void>;
  draw(drawId: string): Promise<void>;
  claimed(drawId: string, tier: number, entrantId: string): Promise<void>;
  absent(drawId: string, tier: number, entrantId: string): Promise<void>;
  print(drawId: string): Promise<void>;
  lock(drawId: string): Promise<void>;
}

const REFUSALS = new Set(["joining_closed", "not_a_member", "card_refused", "earlier_winner", "staff"]);

/** What staff typed on the keypad so far, per draw: a redraw (language switch) keeps it. */
const entries = new Map<string, string>();

/** The last result animated, so a redraw (language switch, resize) does not spin again. */
let animated = "";

export function drawStageScreen(v: Voice, m: DrawStageModel, actions?: DrawActions): HTMLElement {
  const d = m.view;
  const state = d.state;
  const body =
    state === "drawn" || state === "locked"
      ? results(v, d, actions)
      : h("div", { class: "draw-pre" }, commitmentPart(v, d), joinPart(v, d), contributionPart(v, d, actions));
  const screen = h(
    "section",
    { class: "screen screen-draw", "data-testid": "screen-draw", "data-state": state },
    h(
      "div",
      { class: "draw-head" },
      h("h1", { class: "draw-title", "data-testid": "draw-title", "data-fit": "1.4", translate: "no" }, d.title),
      v.say(msg(`draw.state.${state}` as Msg["key"]) as Msg, "draw-state"),
      v.say(msg("draw.entrants", { count: d.poolCount }), "draw-count", { "data-testid": "draw-count" }),
    ),
    body,
    actions ? controls(v, d, actions) : null,
  );
  const key = `${d.drawId}:${d.resultSerial}`;
  if (d.resultSerial > 0 && key !== animated) {
    animated = key;
    requestAnimationFrame(() => spin(screen));
  }
  return screen;
}

/** The commitment, as text and QR, from the moment it is published until the result replaces it. */
function commitmentPart(v: Voice, d: DrawStageView): HTMLElement | null {
  if (!d.commitmentSha256) return null;
  return h(
    "div",
    { class: "draw-commitment", "data-testid": "draw-commitment" },
    qrCanvas(d.commitmentQrRows, "draw-qr", "draw-qr"),
    h(
      "div",
      { class: "draw-hash" },
      v.label(msg("draw.commitment")),
      h("code", { class: "hash", "data-testid": "draw-commitment-hash", translate: "no" }, spaced(d.commitmentSha256)),
      v.say(msg("draw.verifyHint"), "draw-hint"),
    ),
  );
}

/**
 * After the commitment: the numbers the audience calls, typed on a keypad (digits and spaces) and
 * added before the draw; optional, the draw button works without them. Once added they are shown.
 */
function contributionPart(v: Voice, d: DrawStageView, actions?: DrawActions): HTMLElement | null {
  if (d.contribution) {
    return h(
      "div",
      { class: "draw-contribution" },
      v.label(msg("draw.contribution")),
      h("code", { class: "contribution-text", "data-testid": "draw-contribution", translate: "no" }, d.contribution),
    );
  }
  if (d.state !== "committed" || !actions) return null;
  const shown = h("code", { class: "contribution-text entry", "data-testid": "draw-contribution-entry", translate: "no" }, entries.get(d.drawId) ?? "");
  const press = (key: string) => {
    const next = typeKey(entries.get(d.drawId) ?? "", key);
    entries.set(d.drawId, next);
    shown.textContent = next;
  };
  const key = (k: string, label: HTMLElement | string) => {
    const b = h("button", { type: "button", class: `draw-key key-${k}`, "data-testid": `draw-key-${k}`, translate: "no" }, label);
    b.addEventListener("click", () => press(k));
    return b;
  };
  return h(
    "div",
    { class: "draw-keypad", "data-testid": "draw-keypad" },
    h("div", { class: "draw-keypad-top" }, v.label(msg("draw.contribution")), shown),
    h(
      "div",
      { class: "draw-keys" },
      ..."1234567890".split("").map((k) => key(k, k)),
      key("space", v.label(msg("draw.key.space"))),
      key("back", v.label(msg("draw.key.back"))),
    ),
  );
}

/** While joining: the code of the member who just tapped (for them to note), or why they could not join. */
function joinPart(v: Voice, d: DrawStageView): HTMLElement | null {
  if (d.joinRefusal) {
    const key = REFUSALS.has(d.joinRefusal) ? `draw.refused.${d.joinRefusal}` : "draw.refused.other";
    return h("div", { class: "draw-join refused", "data-testid": "draw-join-refused", role: "alert" }, v.say(msg(key as Msg["key"]) as Msg));
  }
  if (d.joinedCode) {
    return h(
      "div",
      { class: "draw-join", "data-testid": "draw-joined", role: "status" },
      h("div", { class: "joined-name", translate: "no" }, d.joinedMaskedName),
      v.say(msg("draw.joined", { code: d.joinedCode }), "joined-code"),
    );
  }
  return null;
}

function results(v: Voice, d: DrawStageView, actions?: DrawActions): HTMLElement {
  const list = h("div", { class: "draw-results", "data-testid": "draw-results", "data-scrolls": "" });
  if (d.type === "order") {
    list.append(...d.order.map((e) => entrantRow(v, e, msg("draw.rank", { rank: e.rank }))));
    return list;
  }
  d.tiers.forEach((tier, t) => {
    list.append(
      h(
        "section",
        { class: "draw-tier", "data-testid": `draw-tier-${t}` },
        h("h2", { class: "tier-name", translate: "no" }, tier.name),
        h(
          "ul",
          { class: "winners" },
          ...tier.winners.map((w) => winnerRow(v, d, t, w, actions)),
        ),
      ),
    );
  });
  return list;
}

function winnerRow(v: Voice, d: DrawStageView, tier: number, w: DrawStageEntrant, actions?: DrawActions): HTMLElement {
  const open = w.status === "won" && d.state === "drawn" && actions;
  return h(
    "li",
    { class: `winner status-${w.status}`, "data-testid": `winner-${w.id}`, "data-status": w.status },
    h("span", { class: "winner-code", "data-final": w.id, translate: "no" }, w.id),
    h("span", { class: "winner-name", translate: "no" }, w.maskedName),
    w.status === "won" ? null : v.say(msg(`draw.status.${w.status}` as Msg["key"]) as Msg, "winner-status"),
    open ? actionButton(v, msg("draw.action.claimed"), `claim-${w.id}`, "small", () => actions.claimed(d.drawId, tier, w.id)) : null,
    open ? actionButton(v, msg("draw.action.absent"), `absent-${w.id}`, "small secondary", () => actions.absent(d.drawId, tier, w.id)) : null,
  );
}

function entrantRow(v: Voice, e: DrawStageEntrant, rank: Msg): HTMLElement {
  return h(
    "li",
    { class: "winner", "data-testid": `rank-${e.rank}` },
    v.say(rank, "winner-rank"),
    h("span", { class: "winner-code", "data-final": e.id, translate: "no" }, e.id),
    h("span", { class: "winner-name", translate: "no" }, e.maskedName),
  );
}

function controls(v: Voice, d: DrawStageView, a: DrawActions): HTMLElement {
  const id = d.drawId;
  const buttons: HTMLElement[] = [];
  if (d.state === "joining") buttons.push(actionButton(v, msg("draw.action.freeze"), "draw-freeze", "secondary", () => a.freeze(id)));
  if (d.state === "frozen") buttons.push(actionButton(v, msg("draw.action.commit"), "draw-commit", "primary", () => a.commit(id)));
  if (d.state === "committed") {
    buttons.push(actionButton(v, msg("draw.action.contribute"), "draw-contribute", "secondary", async () => {
      const entry = (entries.get(id) ?? "").trim();
      if (entry) await a.contribute(id, entry);
    }));
  }
  if (d.state === "committed" || d.state === "contributed") buttons.push(actionButton(v, msg("draw.action.draw"), "draw-draw", "primary", () => a.draw(id)));
  if (d.state === "drawn" || d.state === "locked") buttons.push(actionButton(v, msg("draw.action.print"), "draw-print", "secondary", () => a.print(id)));
  if (d.state === "drawn") buttons.push(actionButton(v, msg("draw.action.lock"), "draw-lock", "secondary", () => a.lock(id)));
  buttons.push(actionButton(v, msg("draw.action.setup"), "draw-setup", "secondary", () => a.openSetup()));
  return h("div", { class: "draw-controls" }, ...buttons);
}

/** A hash in groups of eight, so a person can compare it with their slip. */
function spaced(hash: string): string {
  return hash.match(/.{1,8}/g)?.join(" ") ?? hash;
}

const REEL = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/**
 * The reveal: each winner's code runs through letters and stops on its real value (data-final),
 * one after the other. The value was on the page before the animation began; the animation only
 * hides it for a moment. With reduced motion nothing spins.
 */
function spin(screen: HTMLElement): void {
  if (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) return;
  const codes = [...screen.querySelectorAll<HTMLElement>(".winner-code[data-final]")];
  codes.forEach((el, i) => {
    const final = el.dataset.final ?? "";
    const stopAt = Date.now() + 700 + i * 350;
    el.classList.add("spinning");
    const timer = setInterval(() => {
      if (!el.isConnected || Date.now() >= stopAt) {
        clearInterval(timer);
        el.textContent = final;
        el.classList.remove("spinning");
        return;
      }
      el.textContent = [...final].map(() => REEL[Math.floor(Math.random() * REEL.length)]).join("");
    }, 60);
  });
}
