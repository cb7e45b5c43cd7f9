// The staff check-in screens' models: the activity picker with the ready check, and the live feed.
// Only masked cards and non-personal short codes arrive here; the agent words every reason.
import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { ActivitySummary, CheckInFeedLine, CheckInFeedView, CheckInPickerView } from "./gen/kiosk/v1/checkin_pb";

export interface ActivityModel {
  id: string;
  name: string;
  /** "open", "not_yet", "closed". */
  window: string;
  checkedIn: number;
  opensAt?: Date;
  closesAt?: Date;
}

export interface ReadyItemModel {
  code: string;
  /** "ok", "warn", "fail". */
  state: string;
  detail: string;
}

export interface CheckInPickerModel {
  kind: "checkin-picker";
  staff: string;
  activities: ActivityModel[];
  ready: boolean;
  items: ReadyItemModel[];
}

/** The agent's reason as "中文 · English": each language shows its own half. */
export interface Reason {
  zh: string;
  en: string;
}

export interface FeedLineModel {
  at: Date;
  reader: string;
  card: string;
  outcome: string;
  reason: Reason;
  detail: string;
  direction: string;
  provisional: boolean;
  shortCode: string;
}

export interface CheckInFeedModel {
  kind: "checkin-feed";
  staff: string;
  activity: ActivityModel;
  checkedIn: number;
  inside: number;
  entryAndExit: boolean;
  refused: { outcome: string; count: number }[];
  conflicts: number;
  taps: number;
  last?: FeedLineModel;
  recent: FeedLineModel[];
  memberDataAsOf?: Date;
  othersKnownAsOf?: Date;
  offline: boolean;
}

export type CheckInViewModel = CheckInPickerModel | CheckInFeedModel;

export function activityModel(s: ActivitySummary | undefined): ActivityModel {
  const a = s?.activity;
  return {
    id: a?.id ?? "",
    name: a?.name || a?.id || "—",
    window: s?.windowState ?? "",
    checkedIn: s?.checkedIn ?? 0,
    opensAt: a?.opensAt ? new Date(timestampMs(a.opensAt)) : undefined,
    closesAt: a?.closesAt ? new Date(timestampMs(a.closesAt)) : undefined,
  };
}

export function pickerModel(p: CheckInPickerView): CheckInPickerModel {
  return {
    kind: "checkin-picker",
    staff: p.staffName,
    activities: p.activities.map(activityModel),
    ready: p.ready?.ready ?? false,
    items: (p.ready?.items ?? []).map((i) => ({ code: i.code, state: i.state, detail: i.detail })),
  };
}

export function splitReason(text: string): Reason {
  const halves = text.split(" · ");
  return halves.length >= 2 ? { zh: halves[0]!, en: halves.slice(1).join(" · ") } : { zh: text, en: text };
}

function lineModel(l: CheckInFeedLine): FeedLineModel {
  return {
    at: l.at ? new Date(timestampMs(l.at)) : new Date(0),
    reader: l.readerId,
    card: l.maskedCard || "—",
    outcome: l.outcome,
    reason: splitReason(l.reason),
    detail: l.detail,
    direction: l.direction,
    provisional: l.provisional,
    shortCode: l.shortCode,
  };
}

export function feedModel(f: CheckInFeedView): CheckInFeedModel {
  return {
    kind: "checkin-feed",
    staff: f.staffName,
    activity: activityModel(f.activity),
    checkedIn: f.checkedIn,
    inside: f.inside,
    entryAndExit: f.activity?.activity?.attendance === 2,
    refused: f.refused.map((r) => ({ outcome: r.outcome, count: r.count })),
    conflicts: f.conflicts,
    taps: f.taps,
    last: f.last ? lineModel(f.last) : undefined,
    recent: f.recent.map(lineModel),
    memberDataAsOf: f.memberDataAsOf ? new Date(timestampMs(f.memberDataAsOf)) : undefined,
    othersKnownAsOf: f.othersKnownAsOf ? new Date(timestampMs(f.othersKnownAsOf)) : undefined,
    offline: f.offline,
  };
}
