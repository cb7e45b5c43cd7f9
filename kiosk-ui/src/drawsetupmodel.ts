// The draw set-up form's logic, apart from the DOM so it can be tested: the choices staff make on
// the set-up screen (pool, type, tiers) and the CreateDraw request they become.
import type { DrawSetupActivity, DrawSetupView } from "./gen/kiosk/v1/draws_pb";

export interface DrawSetupModel {
  kind: "draw-setup";
  view: DrawSetupView;
}

/** One prize tier row: its preset (1 = top prize) and how many prizes. */
export interface TierChoice {
  level: number;
  count: number;
}

/** What staff chose so far. pool: an activity id, or "" for tap to join. */
export interface SetupForm {
  pool: string;
  type: "winners" | "order";
  tiers: TierChoice[];
}

/** The preset tiers: 1 (一等奖) to 3 (三等奖). */
export const LEVELS = [1, 2, 3] as const;
export const MAX_COUNT = 99;

/** The first form: the first activity with check-ins (else tap to join), one 三等奖 with three prizes. */
export function initialForm(view: DrawSetupView): SetupForm {
  const pool = view.activities.find((a) => a.checkedIn > 0)?.activityId ?? "";
  return { pool, type: "winners", tiers: [{ level: 3, count: 3 }] };
}

/** A count stepped by delta, kept within 1..MAX_COUNT. */
export function stepCount(count: number, delta: number): number {
  return Math.min(MAX_COUNT, Math.max(1, count + delta));
}

/** The next preset up (3 → 2 → 1 → 3), for the tier name button. */
export function nextLevel(level: number): number {
  return level <= 1 ? 3 : level - 1;
}

/** Another tier: the next prize up from the highest so far; none when every preset is used. */
export function addTier(tiers: TierChoice[]): TierChoice[] {
  const free = [...LEVELS].reverse().find((l) => !tiers.some((t) => t.level === l));
  return free === undefined ? tiers : [...tiers, { level: free, count: 1 }];
}

const TITLE_MAX = 64;

function hhmm(d: Date): string {
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** The draw's title: the activity's name and time (or the tap-to-join name and now), at most 64 characters. */
export function defaultTitle(activity: DrawSetupActivity | undefined, joinName: string, now: Date): string {
  const opens = activity?.opensAt ? new Date(Number(activity.opensAt.seconds) * 1000) : now;
  const time = ` ${hhmm(opens)}`;
  const name = activity ? activity.name : joinName;
  return name.slice(0, TITLE_MAX - time.length) + time;
}

/** A draw id from the time it was made: 1-64 letters, digits and '-', unique per second on a kiosk. */
export function newDrawId(now: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `d-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

/** The CreateDraw request of a form; tier names are the presets' names in the kiosk's first language. */
export interface CreateDrawInput {
  drawId: string;
  title: string;
  type: "winners" | "order";
  poolMode: "check_ins" | "tap_to_join";
  activityId: string;
  tiers: { name: string; count: number; level: number }[];
}

/** Why the form cannot make a draw yet: an activity nobody has checked in to (its pool would be empty). */
export function formProblem(form: SetupForm, view: DrawSetupView): "empty_pool" | undefined {
  const activity = view.activities.find((a) => a.activityId === form.pool);
  return activity && activity.checkedIn === 0 ? "empty_pool" : undefined;
}

export function createInput(form: SetupForm, view: DrawSetupView, tierName: (level: number) => string, joinName: string, now: Date): CreateDrawInput {
  const activity = view.activities.find((a) => a.activityId === form.pool);
  return {
    drawId: newDrawId(now),
    title: defaultTitle(activity, joinName, now),
    type: form.type,
    poolMode: activity ? "check_ins" : "tap_to_join",
    activityId: activity?.activityId ?? "",
    tiers: form.type === "order" ? [] : form.tiers.map((t) => ({ name: tierName(t.level), count: t.count, level: t.level })),
  };
}

/** The audience's numbers as typed on the keypad: digits and single spaces, at most 256 bytes. */
export const CONTRIBUTION_MAX = 256;

export function typeKey(entry: string, key: string): string {
  if (key === "back") return entry.slice(0, -1);
  if (key === "clear") return "";
  if (key === "space") return entry === "" || entry.endsWith(" ") || entry.length >= CONTRIBUTION_MAX ? entry : entry + " ";
  return /^[0-9]$/.test(key) && entry.length < CONTRIBUTION_MAX ? entry + key : entry;
}
