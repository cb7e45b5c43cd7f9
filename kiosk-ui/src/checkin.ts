// The staff check-in screens (签到活动): the activity picker with the ready check, and the live feed
// with its counters and the last outcome, large, in words the attendee understands. Every button
// calls the agent (CheckInService); the agent answers by changing the screen.
import "./checkin.css";
import { h, icon } from "./dom";
import { actionButton } from "./gifts";
import type { CheckInFeedModel, CheckInPickerModel, FeedLineModel } from "./checkinmodel";
import { msg, type Msg } from "./i18n/messages";
import type { Voice } from "./i18n/voice";
import { CHECK, WARNING } from "./icons";

/** What the check-in screens ask the agent to do. */
export interface CheckInActions {
  open(activityId: string): Promise<void>;
  close(): Promise<void>;
  leave(): Promise<void>;
}

const OUTCOMES = [
  "accepted",
  "unknown_card",
  "card_refused",
  "already_checked_in",
  "exit_without_entry",
  "capacity_full",
  "too_early",
  "too_late",
  "not_eligible",
  "card_unreadable",
  "not_recorded",
] as const;

/** A known outcome's label; an unknown code is shown as it came. */
function outcomeLabel(outcome: string): Msg {
  return (OUTCOMES as readonly string[]).includes(outcome) ? msg(`checkin.outcome.${outcome}` as "checkin.outcome.accepted") : msg("raw", { text: outcome });
}

function windowLabel(state: string): Msg {
  return state === "open" || state === "not_yet" || state === "closed" ? msg(`checkin.window.${state}`) : msg("raw", { text: state });
}

export function checkInPickerScreen(v: Voice, m: CheckInPickerModel, actions?: CheckInActions): HTMLElement {
  return h(
    "section",
    { class: "screen screen-checkin screen-checkin-picker", "data-testid": "screen-checkin-picker" },
    h(
      "div",
      { class: "checkin-head" },
      h("h1", { class: "checkin-title" }, v.say(msg("checkin.pick"))),
      h("div", { class: "checkin-staff", translate: "no" }, v.say(msg("checkin.staff", { name: m.staff }))),
      actionButton(v, msg("checkin.leave"), "checkin-leave", "secondary", () => actions?.leave() ?? Promise.resolve()),
    ),
    h(
      "div",
      { class: "checkin-picker-body" },
      h(
        "ul",
        { class: "checkin-activities", "data-testid": "checkin-activities", "data-scrolls": "" },
        ...(m.activities.length === 0 ? [h("li", { class: "checkin-empty" }, v.say(msg("checkin.none")))] : m.activities.map((a) =>
          h(
            "li",
            { class: "checkin-activity", "data-window": a.window, "data-testid": `checkin-activity-${a.id}` },
            h("div", { class: "checkin-activity-name", translate: "no" }, a.name),
            h("div", { class: "checkin-activity-meta" }, v.say(windowLabel(a.window)), v.say(msg("checkin.countLine", { n: a.checkedIn }))),
            actionButton(v, msg("checkin.open"), `checkin-open-${a.id}`, "primary", () => actions?.open(a.id) ?? Promise.resolve()),
          ))),
      ),
      readyPanel(v, m),
    ),
  );
}

function readyPanel(v: Voice, m: CheckInPickerModel): HTMLElement {
  return h(
    "div",
    { class: "checkin-ready", "data-testid": "checkin-ready", "data-ready": m.ready ? "yes" : "no" },
    h("div", { class: "checkin-ready-title" }, icon(m.ready ? CHECK : WARNING, "checkin-ready-icon"), v.say(msg(m.ready ? "checkin.ready" : "checkin.notReady"))),
    h(
      "ul",
      { class: "checkin-ready-items", "data-scrolls": "" },
      ...m.items.map((i) =>
        h(
          "li",
          { class: "checkin-ready-item", "data-state": i.state, "data-testid": `ready-${i.code}` },
          v.say(readyLabel(i.code), "ready-label"),
          h("span", { class: "ready-detail", translate: "no" }, i.detail),
        )),
    ),
  );
}

function readyLabel(code: string): Msg {
  switch (code) {
    case "activity_data":
    case "member_data":
    case "clock":
    case "printer":
    case "readers":
    case "journal":
      return msg(`checkin.item.${code}`);
    default:
      return msg("raw", { text: code });
  }
}

export function checkInFeedScreen(v: Voice, m: CheckInFeedModel, actions?: CheckInActions): HTMLElement {
  return h(
    "section",
    { class: "screen screen-checkin screen-checkin-feed", "data-testid": "screen-checkin-feed" },
    h(
      "div",
      { class: "checkin-head" },
      h("h1", { class: "checkin-title", translate: "no", "data-testid": "checkin-activity-name" }, m.activity.name),
      h("div", { class: "checkin-fresh", "data-testid": "checkin-freshness", "data-offline": m.offline ? "yes" : "no" }, v.say(freshness(m))),
      actionButton(v, msg("checkin.close"), "checkin-close", "secondary", () => actions?.close() ?? Promise.resolve()),
    ),
    h(
      "div",
      { class: "checkin-feed-body" },
      h("div", { class: "checkin-main" }, lastPanel(v, m.last), counters(v, m)),
      h(
        "div",
        { class: "checkin-side" },
        h("ul", { class: "checkin-refused", "data-testid": "checkin-refused", "data-scrolls": "" }, ...m.refused.map((r) =>
          h("li", { class: "checkin-refused-item", "data-outcome": r.outcome }, v.say(outcomeLabel(r.outcome)), h("span", { class: "n", "data-testid": `refused-${r.outcome}` }, v.int(r.count))))),
        h("ul", { class: "checkin-recent", "data-testid": "checkin-recent", "data-scrolls": "" }, ...m.recent.map((l) => recentLine(v, l))),
      ),
    ),
  );
}

function freshness(m: CheckInFeedModel): Msg {
  if (m.offline) return m.memberDataAsOf ? msg("checkin.offlineAsOf", { at: m.memberDataAsOf }) : msg("offline.noData");
  return m.memberDataAsOf ? msg("checkin.dataAsOf", { at: m.memberDataAsOf }) : msg("checkin.noData");
}

function lastPanel(v: Voice, last: FeedLineModel | undefined): HTMLElement {
  if (!last) {
    return h("div", { class: "checkin-last", "data-testid": "checkin-last", "data-outcome": "none" }, v.say(msg("checkin.waiting"), "checkin-last-reason"));
  }
  const accepted = last.outcome === "accepted";
  return h(
    "div",
    { class: "checkin-last", "data-testid": "checkin-last", "data-outcome": last.outcome, role: "status" },
    h("div", { class: "checkin-last-line" }, icon(accepted ? CHECK : WARNING, "checkin-last-icon"), v.say(msg("checkin.reason", last.reason), "checkin-last-reason")),
    h(
      "div",
      { class: "checkin-last-meta" },
      accepted && last.shortCode ? h("span", { class: "checkin-code", "data-testid": "checkin-code", translate: "no" }, v.say(msg("checkin.code", { code: last.shortCode }))) : null,
      h("span", { class: "checkin-card", translate: "no" }, last.card),
      last.provisional ? v.say(msg("checkin.provisional"), "checkin-provisional") : null,
    ),
  );
}

function counters(v: Voice, m: CheckInFeedModel): HTMLElement {
  const refused = m.refused.filter((r) => r.outcome !== "accepted").reduce((n, r) => n + r.count, 0);
  const counter = (label: Msg, n: number, testId: string) =>
    h("div", { class: "checkin-counter", "data-testid": testId }, v.label(label, "counter-label"), h("div", { class: "counter-value", "data-testid": `${testId}-value` }, v.int(n)));
  return h(
    "div",
    { class: "checkin-counters" },
    counter(msg("checkin.checkedIn"), m.checkedIn, "count-checked-in"),
    m.entryAndExit ? counter(msg("checkin.inside"), m.inside, "count-inside") : null,
    counter(msg("checkin.refused"), refused, "count-refused"),
    counter(msg("checkin.conflicts"), m.conflicts, "count-conflicts"),
  );
}

function recentLine(v: Voice, l: FeedLineModel): HTMLElement {
  return h(
    "li",
    { class: "checkin-recent-line", "data-outcome": l.outcome },
    h("span", { class: "recent-time", translate: "no" }, v.primary.clockTime(l.at)),
    h("span", { class: "recent-card", translate: "no" }, l.card),
    v.say(outcomeLabel(l.outcome), "recent-outcome"),
  );
}
