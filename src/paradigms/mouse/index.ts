/**
 * `shoulda run mouse`: one virtual mouse that lives for simulated hours with no trials, no
 * phases and nothing reset, and learns four ways at once (DESIGN.md §1): its DCN filter cancels
 * the sounds of its own licking and chewing, its cerebellum learns timed blinks to tones that predict air
 * puffs, its amygdala learns fear of a light and of a corner that predict shocks, and its cortex
 * learns to predict its input while its state is context for the other three.
 */
import { defineParadigm, type LiveSample, type RunHooks } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import { type MouseConfig, mouseRunSchema, resolveMouse } from "./config.js";
import { type LifeResult, liveLife, MouseLife } from "./life.js";
import { type WindowRow, WindowSums, windowRow } from "./metrics.js";
import { finalCsv, mousePlots, tonesCsv, tracesCsv, windowsCsv } from "./report.js";

/** Metrics of the given windows, summed. */
function stretch(life: LifeResult, indices: readonly number[], isiMs: number): WindowRow {
  const sums = new WindowSums();
  for (const i of indices) sums.add(life.windows[i]);
  const min = life.windowMs / 60_000;
  const first = indices[0] ?? 0;
  const last = indices[indices.length - 1] ?? 0;
  return windowRow(
    sums,
    first * min,
    Math.min((last + 1) * min, life.brain.config.durationMin),
    isiMs,
  );
}

/** A window's points of the live curves: self-sound cancellation, blink CRs, freezing. */
function windowSamples(row: WindowRow): LiveSample[] {
  const x = row.endMin;
  const xLabel = "time (min)";
  return [
    {
      panel: "Self-generated sound cancelled",
      xLabel,
      yLabel: "cancellation (dB)",
      x,
      values: { licks: row.lickCancellationDb, chews: row.chewCancellationDb },
    },
    {
      panel: "Blink CRs to the tone",
      xLabel,
      yLabel: "CR rate (%)",
      x,
      values: { tone: 100 * row.crRate },
    },
    {
      panel: "Freezing by situation",
      xLabel,
      yLabel: "freezing (%)",
      x,
      values: {
        light: row.freezingCue,
        corner: row.freezingCorner,
        elsewhere: row.freezingElsewhere,
      },
    },
  ];
}

/**
 * The first and last quarter of the windows in which a module had something to learn from
 * (licking, tones, lights), at least one window each: a module is judged on its own experience.
 */
function quarters(life: LifeResult, has: (w: WindowSums) => boolean): [number[], number[]] {
  const idx = life.windows.flatMap((w, i) => (has(w) ? [i] : []));
  const q = Math.max(1, Math.round(idx.length / 4));
  return [idx.slice(0, q), idx.slice(-q)];
}

/** The figures each module is judged by, early (first quarter of its experience) and late (last). */
export function learningSummary(life: LifeResult, isiMs: number) {
  const judged = (has: (w: WindowSums) => boolean) => {
    const [a, b] = quarters(life, has);
    return { early: stretch(life, a, isiMs), late: stretch(life, b, isiMs), windows: a.length };
  };
  const lick = judged((w) => w.lickPower > 0);
  const chew = judged((w) => w.chewPower > 0);
  const eye = judged((w) => w.tones > 0);
  const cue = judged((w) => w.steps.cue > 0);
  const corner = judged((w) => w.steps.corner > 0);
  const elsewhere = judged((w) => w.steps.elsewhere > 0);
  const cortex = judged((w) => w.ticks > 0);
  return {
    note:
      `windows of ${life.windowMs / 1000} s; each module's early and late figures sum the first ` +
      "and last quarter of the windows in which it had something to learn from (licking, tones, " +
      "lights; for fear in the corner and elsewhere, time spent there; for chewing cancellation, " +
      "chewing)",
    dcn: {
      windowsPerQuarter: lick.windows,
      earlyLickCancellationDb: lick.early.lickCancellationDb,
      lateLickCancellationDb: lick.late.lickCancellationDb,
      lateExternalGain: lick.late.externalGain,
      chewWindowsPerQuarter: chew.windows,
      earlyChewCancellationDb: chew.early.chewCancellationDb,
      lateChewCancellationDb: chew.late.chewCancellationDb,
    },
    eyeblink: {
      windowsPerQuarter: eye.windows,
      isiMs,
      earlyTones: eye.early.tones,
      earlyCrRate: eye.early.crRate,
      lateTones: eye.late.tones,
      lateCrRate: eye.late.crRate,
      lateCrPeakLatencyMs: eye.late.crPeakLatencyMs,
      lateCrTimingErrorMs: eye.late.crTimingErrorMs,
    },
    fear: {
      windowsPerQuarter: { cue: cue.windows, corner: corner.windows, elsewhere: elsewhere.windows },
      early: {
        lights: cue.early.lights,
        freezingCue: cue.early.freezingCue,
        freezingCorner: corner.early.freezingCorner,
        freezingElsewhere: elsewhere.early.freezingElsewhere,
      },
      late: {
        lights: cue.late.lights,
        freezingCue: cue.late.freezingCue,
        freezingCorner: corner.late.freezingCorner,
        freezingElsewhere: elsewhere.late.freezingElsewhere,
        fearCue: cue.late.fearCue,
        fearCorner: corner.late.fearCorner,
        fearElsewhere: elsewhere.late.fearElsewhere,
      },
    },
    cortex: {
      windowsPerQuarter: cortex.windows,
      earlyPredictionError: cortex.early.cortexError,
      latePredictionError: cortex.late.cortexError,
      earlyErrorRatio: cortex.early.cortexErrorRatio,
      lateErrorRatio: cortex.late.cortexErrorRatio,
    },
  };
}

const MODULES = ["filter", "cerebellum", "amygdala"] as const;
type Learning = ReturnType<typeof learningSummary>;

/** A figure with the module's cortex context, without it, and what the context adds. */
const added = (withIt: number, without: number) => ({
  with: withIt,
  without,
  added: Number((withIt - without).toFixed(4)),
});

/** Each module's late figures with its cortex context and with that context silenced. */
function contextEffect(full: Learning, ablated: Record<(typeof MODULES)[number], Learning>) {
  const f = ablated.filter.dcn;
  const c = ablated.cerebellum.eyeblink;
  const a = ablated.amygdala.fear.late;
  return {
    filter: {
      lateLickCancellationDb: added(full.dcn.lateLickCancellationDb, f.lateLickCancellationDb),
      lateChewCancellationDb: added(full.dcn.lateChewCancellationDb, f.lateChewCancellationDb),
      lateExternalGain: added(full.dcn.lateExternalGain, f.lateExternalGain),
    },
    cerebellum: {
      lateCrRate: added(full.eyeblink.lateCrRate, c.lateCrRate),
      earlyCrRate: added(full.eyeblink.earlyCrRate, ablated.cerebellum.eyeblink.earlyCrRate),
      lateCrTimingErrorMs: added(full.eyeblink.lateCrTimingErrorMs, c.lateCrTimingErrorMs),
    },
    amygdala: {
      lateFreezingCue: added(full.fear.late.freezingCue, a.freezingCue),
      lateFreezingCorner: added(full.fear.late.freezingCorner, a.freezingCorner),
      lateFreezingElsewhere: added(full.fear.late.freezingElsewhere, a.freezingElsewhere),
    },
  };
}

export const mouse = defineParadigm<MouseConfig>()({
  info: {
    id: "mouse",
    title: "One mouse, four kinds of learning, one life",
    summary:
      "A mouse lives for simulated hours, no trials: DCN cancels its lick and chew sounds, cerebellum times blinks, amygdala learns fear, cortex predicts.",
    citation:
      "The seed's four uses of supervised learning (DESIGN.md §1); parts as in the dcn (Singla et al. 2017), " +
      "eyeblink (Medina et al. 2000), fear (Maren 2001 protocols) and cortex-loop paradigms.",
  },
  schema: mouseRunSchema,
  resolve: resolveMouse,

  checkpoints: true,
  checkpointUnit: "window",
  run: (config, hooks) => runUnits(mouseRun, config, hooks),
});

/** Each window's live-curve points, once its sums are final. */
const sampleWindows =
  (config: MouseConfig, hooks: RunHooks) =>
  (i: number, sums: WindowSums): void => {
    if (!hooks.onSample) return;
    const windowMin = config.analysis.windowS / 60;
    const end = Math.min((i + 1) * windowMin, config.durationMin);
    for (const sample of windowSamples(windowRow(sums, i * windowMin, end, config.life.isiMs)))
      hooks.onSample(sample);
  };

/** A mouse's life as units of one analysis window (config.analysis.windowS) of ticks. */
const mouseRun = defineUnitRun<MouseConfig, { life: MouseLife }>()({
  start: (config) => ({ life: new MouseLife(config) }),
  count: ({ life }) => life.windowCount,
  step({ life }, index, config, hooks) {
    life.run(life.windowStart(index + 1), undefined, sampleWindows(config, hooks));
  },
  async finish(state, config, startedMs, hooks) {
    const started = performance.now() - (Date.now() - startedMs);
    const isi = config.life.isiMs;
    const life = state.life.finish(sampleWindows(config, hooks));
    const rows = life.windows.map((_, i) => stretch(life, [i], isi));
    const learning = learningSummary(life, isi);
    // Ablation: the same life (same seed, same plan) with one module's cortex channels silent.
    const ablated = config.analysis.ablation
      ? (Object.fromEntries(
          MODULES.map((m) => {
            const cortexTo = { ...config.wiring.cortexTo, [m]: false };
            const cut = { ...config, wiring: { ...config.wiring, cortexTo } } as MouseConfig;
            return [m, learningSummary(liveLife(cut), isi)];
          }),
        ) as Record<(typeof MODULES)[number], Learning>)
      : null;
    const { plan, brain } = life;
    const simulatedSeconds = config.durationMin * 60;
    const minutesIn = (place: string) =>
      plan.visits.filter((v) => v.place === place).reduce((s, v) => s + v.endMs - v.startMs, 0) /
      60_000;
    const count = (kind: string, cause?: string) =>
      plan.events.filter((e) => e.kind === kind && (cause === undefined || e.cause === cause))
        .length;
    const files = [
      { name: "windows.csv", data: windowsCsv(rows) },
      { name: "tones.csv", data: tonesCsv(life) },
      { name: "traces.csv", data: tracesCsv(life) },
      ...finalCsv(life),
      ...(await mousePlots(life, rows)),
    ];
    return {
      summary: {
        paradigm: "mouse" as const,
        seed: config.seed,
        durationMin: config.durationMin,
        clocks: {
          tickMs: config.filterModel.dtMs,
          cerebellumMs: config.cerebellum.dtMs,
          amygdalaMs: config.amygdala.dtMs,
          ticks: life.ticks,
        },
        brain: {
          filterGranuleCells: config.filterModel.granule.count,
          cerebellumGranuleCells: config.cerebellum.granule.count,
          amygdalaCells: config.amygdala.la.count + config.amygdala.itc.count,
          cortexUnits: config.cortex.units,
          learningCortex: config.thoughts.enabled,
          filterContext: [...brain.filter.spec.context],
          cerebellumContext: [...brain.cerebellum.channels],
          amygdalaInputs: brain.amygdala.channels.map((c) => `${c.name} (${c.role})`),
        },
        life: {
          visits: plan.visits.length,
          minutesAt: {
            spout: Number(minutesIn("spout").toFixed(2)),
            open: Number(minutesIn("open").toFixed(2)),
            corner: Number(minutesIn("corner").toFixed(2)),
          },
          spoutVisitsWithoutLicking: life.visitsWithoutLicking,
          licks: rows.reduce((s, r) => s + r.licks, 0),
          chews: rows.reduce((s, r) => s + r.chews, 0),
          tones: count("tone"),
          puffs: count("puff"),
          lights: count("light"),
          cueShocks: count("shock", "light"),
          cornerShocks: count("shock", "corner"),
        },
        learning,
        /** What the cortex's context adds to each module (with − without), by ablation. */
        cortexContext: {
          cortex: config.thoughts.enabled
            ? "learning cortex (sequence memory at events, brain/eventCortex.ts)"
            : "reservoir (brain/cortex.ts)",
          note: ablated
            ? "late figures of the same life with each module's cortex channels silenced in turn; the other modules keep theirs"
            : "not measured: run with --set analysis.ablation=true (three more lives)",
          ...(ablated
            ? contextEffect(learning, ablated)
            : { filter: null, cerebellum: null, amygdala: null }),
        },
        final: {
          blinkProbe: {
            note: "eyelid to a tone alone, learning off; the profile is in final-blink.csv",
            peakLatencyMs: life.final.blinkProbe.peakLatencyMs,
            amplitudeAtIsi: life.final.blinkProbe.amplitudeAtIsi,
          },
          fearProbe: life.final.fearProbe,
          weights: life.final.weights,
        },
        speed: {
          note: "measured on this run's machine; not part of the model's results",
          simulatedSeconds,
          lifeWallSeconds: Number(life.lifeWallSeconds.toFixed(2)),
          realTimeFactor: Number((simulatedSeconds / life.lifeWallSeconds).toFixed(2)),
          totalWallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
        },
      },
      files,
    };
  },
});
