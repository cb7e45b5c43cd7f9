// The draw set-up screen (抽奖设置): the pool (one of today's activities, or tap to join), the type
// (prize tiers or order) and the tiers as rows with preset names and +/- steppers, so no keyboard
// is needed. "Create" calls CreateDraw; the agent then shows the draw stage. Today's draws are
// listed to reopen. The form lives here until the agent sends a new set-up view.
import "./drawsetup.css";
import { h } from "./dom";
import { createInput, type CreateDrawInput, type DrawSetupModel, addTier, formProblem, initialForm, nextLevel, type SetupForm, stepCount } from "./drawsetupmodel";
import type { DrawSetupView } from "./gen/kiosk/v1/draws_pb";
import { actionButton } from "./gifts";
import { msg, type Msg } from "./i18n/messages";
import type { Voice } from "./i18n/voice";

/** What the set-up screen asks the agent (DrawService, StaffService). */
export interface DrawSetupActions {
  create(input: CreateDrawInput): Promise<void>;
  show(drawId: string): Promise<void>;
  openSetup(): Promise<void>;
  home(): Promise<void>;
}

/** The form of each set-up view: a language switch redraws the same view and keeps the choices. */
const forms = new WeakMap<DrawSetupView, { form: SetupForm; error?: Msg }>();

const tierMsg = (level: number): Msg => msg(`drawSetup.tier.${level}` as "drawSetup.tier.1");

export function drawSetupScreen(v: Voice, m: DrawSetupModel, actions?: DrawSetupActions): HTMLElement {
  const view = m.view;
  let state = forms.get(view);
  if (!state) {
    state = { form: initialForm(view) };
    forms.set(view, state);
  }
  const s = state;
  const screen = h("section", { class: "screen screen-drawsetup", "data-testid": "screen-draw-setup" });
  const redraw = () => screen.replaceWith(drawSetupScreen(v, m, actions));
  const set = (f: Partial<SetupForm>) => {
    s.form = { ...s.form, ...f };
    s.error = undefined;
    redraw();
  };
  const create = async () => {
    if (!actions) return;
    if (formProblem(s.form, view)) {
      s.error = msg("drawSetup.emptyPool");
      redraw();
      return;
    }
    const input = createInput(s.form, view, (l) => v.primary.text(tierMsg(l)), v.primary.text(msg("drawSetup.joinTitle")), new Date());
    try {
      s.error = undefined;
      await actions.create(input);
    } catch (e) {
      s.error = msg("drawSetup.failed", { reason: e instanceof Error ? e.message : String(e) });
      if (screen.isConnected) redraw();
    }
  };
  screen.append(
    h(
      "div",
      { class: "drawsetup-head" },
      h("h1", { class: "drawsetup-title" }, v.say(msg("drawSetup.title"))),
      h("div", { class: "drawsetup-staff", translate: "no" }, v.say(msg("checkin.staff", { name: view.staffName }))),
      actionButton(v, msg("drawSetup.back"), "drawsetup-back", "secondary", () => actions?.home() ?? Promise.resolve()),
    ),
    h(
      "div",
      { class: "drawsetup-body", "data-scrolls": "" },
      poolPart(v, view, s.form, set),
      h("div", { class: "drawsetup-part" }, typePart(v, s.form, set), s.form.type === "winners" ? tiersPart(v, s.form, set) : null),
      drawsPart(v, view, actions),
    ),
    h(
      "div",
      { class: "drawsetup-foot" },
      s.error ? h("div", { class: "drawsetup-error", role: "alert", "data-testid": "drawsetup-error" }, v.say(s.error)) : null,
      actionButton(v, msg("drawSetup.create"), "drawsetup-create", "primary", create),
    ),
  );
  return screen;
}

/** A choice button: selected is marked with aria-pressed (and drawn as chosen). */
function choice(label: HTMLElement[], testId: string, selected: boolean, onPick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "drawsetup-choice", "data-testid": testId, "aria-pressed": selected ? "true" : "false" }, ...label);
  b.addEventListener("click", onPick);
  return b;
}

function poolPart(v: Voice, view: DrawSetupView, form: SetupForm, set: (f: Partial<SetupForm>) => void): HTMLElement {
  return h(
    "div",
    { class: "drawsetup-part", "data-testid": "drawsetup-pools" },
    v.label(msg("drawSetup.pool"), "drawsetup-label"),
    ...view.activities.map((a) =>
      choice(
        [h("span", { class: "choice-name", translate: "no" }, a.name), v.say(msg("checkin.countLine", { n: a.checkedIn }), "choice-meta")],
        `drawsetup-pool-${a.activityId}`,
        form.pool === a.activityId,
        () => set({ pool: a.activityId }),
      )),
    choice([v.say(msg("drawSetup.tapToJoin"), "choice-name")], "drawsetup-pool-join", form.pool === "", () => set({ pool: "" })),
  );
}

function typePart(v: Voice, form: SetupForm, set: (f: Partial<SetupForm>) => void): HTMLElement {
  return h(
    "div",
    { class: "drawsetup-types" },
    v.label(msg("drawSetup.type"), "drawsetup-label"),
    h(
      "div",
      { class: "drawsetup-row" },
      choice([v.say(msg("drawSetup.type.winners"))], "drawsetup-type-winners", form.type === "winners", () => set({ type: "winners" })),
      choice([v.say(msg("drawSetup.type.order"))], "drawsetup-type-order", form.type === "order", () => set({ type: "order" })),
    ),
  );
}

function tiersPart(v: Voice, form: SetupForm, set: (f: Partial<SetupForm>) => void): HTMLElement {
  const change = (i: number, f: (t: { level: number; count: number }) => { level: number; count: number }) =>
    set({ tiers: form.tiers.map((t, j) => (j === i ? f(t) : t)) });
  const key = (text: string, testId: string, run: () => void) => {
    const b = h("button", { type: "button", class: "drawsetup-step", "data-testid": testId, translate: "no" }, text);
    b.addEventListener("click", run);
    return b;
  };
  return h(
    "div",
    { class: "drawsetup-tiers", "data-testid": "drawsetup-tiers" },
    v.label(msg("drawSetup.tiers"), "drawsetup-label"),
    ...form.tiers.map((t, i) =>
      h(
        "div",
        { class: "drawsetup-tier", "data-testid": `drawsetup-tier-${i}`, "data-level": String(t.level) },
        choice([v.say(tierMsg(t.level))], `drawsetup-tier-name-${i}`, false, () => change(i, (x) => ({ ...x, level: nextLevel(x.level) }))),
        h(
          "span",
          { class: "drawsetup-steppers" },
          key("−", `drawsetup-tier-minus-${i}`, () => change(i, (x) => ({ ...x, count: stepCount(x.count, -1) }))),
          h("span", { class: "drawsetup-count", "data-testid": `drawsetup-tier-count-${i}` }, v.int(t.count)),
          key("+", `drawsetup-tier-plus-${i}`, () => change(i, (x) => ({ ...x, count: stepCount(x.count, 1) }))),
          form.tiers.length > 1 ? key("×", `drawsetup-tier-remove-${i}`, () => set({ tiers: form.tiers.filter((_, j) => j !== i) })) : null,
        ),
      )),
    form.tiers.length < 3 ? actionButton(v, msg("drawSetup.addTier"), "drawsetup-add-tier", "secondary", async () => set({ tiers: addTier(form.tiers) })) : null,
  );
}

function drawsPart(v: Voice, view: DrawSetupView, actions?: DrawSetupActions): HTMLElement {
  return h(
    "div",
    { class: "drawsetup-part", "data-testid": "drawsetup-draws" },
    v.label(msg("drawSetup.today"), "drawsetup-label"),
    ...(view.draws.length === 0
      ? [v.say(msg("drawSetup.noDraws"), "drawsetup-empty")]
      : view.draws.map((d) =>
          h(
            "div",
            { class: "drawsetup-draw", "data-testid": `drawsetup-draw-${d.drawId}` },
            h("span", { class: "choice-name", translate: "no" }, d.title),
            v.say(msg(`draw.state.${d.state}` as Msg["key"]) as Msg, "choice-meta"),
            actionButton(v, msg("drawSetup.reopen"), `drawsetup-reopen-${d.drawId}`, "secondary", () => actions?.show(d.drawId) ?? Promise.resolve()),
          ))),
  );
}
