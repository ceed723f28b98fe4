/**
 * The cerebellum as a shortcut (`shoulda run shortcut`). A cortical command c(t) reaches the
 * muscle (or area B) through a slow path with delay D_slow = 150 ms. A cerebellar module sees the
 * cortex's state (context: c and ċ as push–pull channels) and is taught by the slow path's own
 * signal, s(t) = c(t − D_slow), arriving at the olive; with olive lookahead L its output learns
 * z(t) ≈ s(t + L) = c(t + L − D_slow). The module therefore emits the slow path's signal L ms
 * early: we measure the lead time it gains (cross-correlation lag of z against the slow path) and
 * its accuracy (peak correlation), for L from 0 to beyond D_slow.
 *
 * Closed loop (the seed author's conjecture: looking further ahead than the loop's feedback delay
 * destabilises the loop): the module's output returns to the cortex after D_loop, so the cortical
 * state is x(t) = c(t) + k · z(t − D_loop); the module sees x and is taught by the slow path's
 * eventual signal s(t) = x(t − D_slow), which therefore contains the module's own earlier output.
 * The loop's feedback delay (output → its own teacher) is D_fb = D_loop + D_slow. With lookahead
 * L, z(t) ≈ s(t + L) = c(t + L − D_slow) + k · z(t + L − D_fb): for L > D_fb the module must
 * predict its own future output. Instability index: RMS z over the last fifth of training / RMS z
 * over the second fifth ("growth"; > GROWTH_LIMIT = unstable), for each loop gain k against L / D_fb.
 */
import { z as zod } from "zod";
import { Cerebellum } from "../../brain/cerebellum.js";
import { toCsv } from "../../io/csv.js";
import { linePlot } from "../../io/plots.js";
import { backendField, getKernel } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { deepMerge, isPlainObject } from "../../model/merge.js";
import { deriveSeed } from "../../model/rng.js";
import { parseWith } from "../../model/validate.js";
import { pushPull } from "../../world/motor/sensors.js";
import { type HeadStimulus, sumOfSines } from "../../world/motor/stimulus.js";
import { defineParadigm, type RunConfig } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import { lookaheadSamples } from "./live.js";

export const SHORTCUT_MODEL_DEFAULTS = {
  dtMs: 5,
  mossy: { count: 80, fibresPerChannel: 16 },
  basis: { bumps: 8, minDelayMs: 10, maxDelayMs: 400 },
  granule: { count: 2000 },
  plasticity: {
    pfPurkinje: { rule: "shift", ltd: 0.0002, ltp: 0.0002 },
    mfNucleus: { enabled: false },
  },
};

export const shortcutRunSchema = zod
  .object({
    paradigm: zod.literal("shortcut"),
    seed: zod.number().int().min(0).max(4294967295).default(1),
    backend: backendField("wasm"),
    model: cerebellumParamsSchema.prefault({}),
    slowDelayMs: zod
      .number()
      .min(0)
      .max(2000)
      .default(150)
      .describe("D_slow: delay of the slow cortex → muscle path (ms)"),
    lookaheadsMs: zod
      .array(zod.number().min(5).max(2000))
      .min(1)
      .max(20)
      .default([5, 50, 100, 150, 200, 250, 300, 400, 500])
      .describe("Olive lookaheads L to test (ms; the olive compares s(t) with z(t − L))"),
    loop: zod
      .object({
        delayMs: zod
          .number()
          .min(0)
          .max(2000)
          .default(50)
          .describe(
            "D_loop: delay before the module's output reaches the cortex again (the teacher sees it D_slow later)",
          ),
        gains: zod
          .array(zod.number().min(0).max(5))
          .min(1)
          .max(10)
          .default([0.5, 1, 1.5])
          .describe(
            "k: weights of the fed-back output in the cortical state x = c + k·z (one closed loop each)",
          ),
      })
      .strict()
      .prefault({}),
    command: zod
      .array(
        zod
          .object({
            amplitude: zod.number().positive().describe("Amplitude of one component"),
            frequencyHz: zod.number().positive().max(20).describe("Frequency (Hz)"),
            phaseDeg: zod.number().default(0).describe("Phase (deg)"),
          })
          .strict(),
      )
      .min(1)
      .max(10)
      .default([
        { amplitude: 1, frequencyHz: 0.31, phaseDeg: 0 },
        { amplitude: 0.6, frequencyHz: 0.73, phaseDeg: 40 },
        { amplitude: 0.3, frequencyHz: 1.37, phaseDeg: 110 },
      ])
      .describe("The cortical command c(t): a sum of sines (a smooth, quasi-random movement)"),
    trainSeconds: zod
      .number()
      .positive()
      .max(3600)
      .default(120)
      .describe("Training time per lookahead (s)"),
    testSeconds: zod
      .number()
      .positive()
      .max(600)
      .default(20)
      .describe("Frozen test time per lookahead (s)"),
  })
  .strict();

export type ShortcutConfig = zod.output<typeof shortcutRunSchema> & RunConfig;

export function resolveShortcut(input: Record<string, unknown>): ShortcutConfig {
  const model = deepMerge(SHORTCUT_MODEL_DEFAULTS, isPlainObject(input) ? input.model : undefined);
  return parseWith(
    shortcutRunSchema,
    { paradigm: "shortcut", ...input, model },
    "",
  ) as ShortcutConfig;
}

/** Growth (RMS z late / early) above which a closed loop counts as unstable. */
export const GROWTH_LIMIT = 1.5;

export interface ClosedLoopResult {
  gain: number;
  /** RMS z / RMS c over the last fifth of training. */
  loopGain: number;
  /** RMS z late / RMS z in the second fifth of training (> GROWTH_LIMIT: unstable). */
  growth: number;
  /** Peak |z| / peak |c| over the last fifth (bounded weights cap it). */
  loopPeak: number;
}

export interface ShortcutResult {
  lookaheadMs: number;
  /** Open loop: lag (ms) at which z best matches the slow path's output (positive = z leads). */
  leadMs: number;
  /** Open loop: peak correlation of z with the slow path's output. */
  accuracy: number;
  /** One closed loop per loop gain k. */
  closed: ClosedLoopResult[];
}

function correlationAtLag(a: number[], b: number[], lag: number): number {
  // corr(a(t), b(t + lag)), lag in steps (≥ 0).
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  let n = 0;
  for (let t = 0; t + lag < b.length && t < a.length; t++) {
    const x = a[t];
    const y = b[t + lag];
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
    n++;
  }
  const cov = sab / n - (sa / n) * (sb / n);
  return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

function moduleFor(config: ShortcutConfig, lookaheadMs: number, name: string): Cerebellum {
  const params = cerebellumParamsSchema.parse({
    ...config.model,
    olive: { ...config.model.olive, feedbackDelayMs: lookaheadMs },
    plasticity: {
      ...config.model.plasticity,
      pfPurkinje: { ...config.model.plasticity.pfPurkinje, windowPeakMs: lookaheadMs },
    },
  });
  return new Cerebellum(
    {
      kind: "cerebellum",
      params,
      channels: ["c+", "c-", "dc+", "dc-"],
      seed: deriveSeed(config.seed, name),
    },
    getKernel(config.backend),
  );
}

function contextOf(value: number, rate: number, out: number[]): number[] {
  pushPull(value, 1.5, 0, out, 0);
  pushPull(rate, 1.5 * 2 * Math.PI * 0.7, 0, out, 2);
  return out;
}

/** One lookahead: open-loop lead/accuracy, then the closed-loop growth. */
export function simulateLookahead(config: ShortcutConfig, lookaheadMs: number): ShortcutResult {
  const dt = config.model.dtMs;
  const c: HeadStimulus = sumOfSines(
    config.command.map((x) => ({
      amplitudeDegS: x.amplitude,
      frequencyHz: x.frequencyHz,
      phaseDeg: x.phaseDeg,
    })),
  );
  const slowSteps = Math.round(config.slowDelayMs / dt);
  const train = Math.round((config.trainSeconds * 1000) / dt);
  const test = Math.round((config.testSeconds * 1000) / dt);
  const ctx = [0, 0, 0, 0];
  // Open loop: context c(t), teacher s(t) = c(t − D_slow).
  const open = moduleFor(config, lookaheadMs, "open");
  const teacher = [0];
  const zs: number[] = [];
  const slow: number[] = [];
  for (let t = 0; t < train + test; t++) {
    const ms = t * dt;
    if (t === train) open.learning = false;
    teacher[0] = c.velocity(ms - config.slowDelayMs);
    const z = open.step(contextOf(c.velocity(ms), c.acceleration(ms), ctx), teacher)[0];
    if (t >= train) {
      zs.push(z);
      slow.push(teacher[0]);
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let lead = 0;
  for (let lag = 0; lag <= slowSteps + Math.round(lookaheadMs / dt) + 40; lag++) {
    const r = correlationAtLag(zs, slow, lag);
    if (r > best) {
      best = r;
      lead = lag * dt;
    }
  }
  const closed = config.loop.gains.map((k) => closedLoop(config, c, lookaheadMs, k));
  return { lookaheadMs, leadMs: lead, accuracy: best, closed };
}

/** x(t) = c(t) + k·z(t − D_loop) is the context; the teacher is the slow path's x(t − D_slow). */
export function closedLoop(
  config: ShortcutConfig,
  c: HeadStimulus,
  lookaheadMs: number,
  k: number,
): ClosedLoopResult {
  const dt = config.model.dtMs;
  const train = Math.round((config.trainSeconds * 1000) / dt);
  const loop = moduleFor(config, lookaheadMs, "closed");
  const loopSteps = Math.max(1, Math.round(config.loop.delayMs / dt));
  const slowSteps = Math.max(1, Math.round(config.slowDelayMs / dt));
  const fedBack = new Float64Array(loopSteps);
  const states = new Float64Array(slowSteps);
  const ctx = [0, 0, 0, 0];
  const teacher = [0];
  let head = 0;
  let slowHead = 0;
  let previous = 0;
  const fifth = Math.floor(train / 5);
  let early = 0;
  let late = 0;
  let cLate = 0;
  let peakZ = 0;
  let peakC = 0;
  for (let t = 0; t < train; t++) {
    const ms = t * dt;
    const x = c.velocity(ms) + k * fedBack[head];
    const rate = (x - previous) / (dt / 1000);
    previous = x;
    teacher[0] = states[slowHead]; // x(t − D_slow), the slow path's signal arriving now
    states[slowHead] = x;
    slowHead = (slowHead + 1) % slowSteps;
    const z = loop.step(contextOf(x, rate, ctx), teacher)[0];
    fedBack[head] = z;
    head = (head + 1) % loopSteps;
    if (t >= fifth && t < 2 * fifth) early += z * z;
    if (t >= 4 * fifth) {
      late += z * z;
      cLate += c.velocity(ms) ** 2;
      peakZ = Math.max(peakZ, Math.abs(z));
      peakC = Math.max(peakC, Math.abs(c.velocity(ms)));
    }
  }
  return {
    gain: k,
    loopGain: Math.sqrt(late / cLate),
    growth: Math.sqrt(late / Math.max(early, 1e-12)),
    loopPeak: peakZ / peakC,
  };
}

/** Lead (ms) of the lookahead with the largest lead whose accuracy is within 0.02 of L's smallest. */
export function leadAtEqualAccuracy(results: ShortcutResult[]): {
  leadMs: number;
  lookaheadMs: number;
} {
  const reference = results[0].accuracy;
  const equal = results.filter((r) => r.accuracy >= reference - 0.02);
  const best = equal.reduce((a, r) => (r.leadMs > a.leadMs ? r : a), equal[0]);
  return { leadMs: best.leadMs, lookaheadMs: best.lookaheadMs };
}

/**
 * Per loop gain k: which lookaheads are unstable (growth > GROWTH_LIMIT), and the boundary beyond
 * the feedback delay — the smallest L > D_fb from which every larger tested L is unstable (null if
 * the largest is stable).
 */
export function stabilityBoundary(config: ShortcutConfig, results: ShortcutResult[]) {
  const feedbackDelayMs = config.loop.delayMs + config.slowDelayMs;
  const sorted = [...results].sort((a, b) => a.lookaheadMs - b.lookaheadMs);
  return config.loop.gains.map((k, i) => {
    const isUnstable = (r: ShortcutResult) => r.closed[i].growth > GROWTH_LIMIT;
    const unstable = sorted.filter(isUnstable);
    let boundary: number | null = null;
    for (let j = sorted.length - 1; j >= 0; j--) {
      if (sorted[j].lookaheadMs <= feedbackDelayMs || !isUnstable(sorted[j])) break;
      boundary = sorted[j].lookaheadMs;
    }
    return {
      gain: k,
      boundaryBeyondFeedbackDelayMs: boundary,
      boundaryRatio: boundary === null ? null : boundary / feedbackDelayMs,
      unstableLookaheadsMs: unstable.map((r) => r.lookaheadMs),
      unstableAtOrBelowFeedbackDelayMs: unstable
        .filter((r) => r.lookaheadMs <= feedbackDelayMs)
        .map((r) => r.lookaheadMs),
      growthByLookahead: results.map((r) => r.closed[i].growth),
      loopGainByLookahead: results.map((r) => r.closed[i].loopGain),
    };
  });
}

export const shortcut = defineParadigm<ShortcutConfig>()({
  info: {
    id: "shortcut",
    title: "The cerebellum as a shortcut",
    summary:
      "A slow 150-ms cortex → muscle path; a cerebellar module taught by its signal learns to send it early.",
    citation:
      "Seed discussion (Numenta forum 2020, 'Supervised learning of outputs in the brain'): the cerebellum between cortex " +
      "and muscles learns to emit the slow path's signal ahead of time; lookahead beyond the loop delay conjectured unstable.",
  },
  schema: shortcutRunSchema,
  resolve: resolveShortcut,
  checkpoints: true,
  checkpointUnit: "lookahead",
  run: (config, hooks) => runUnits(shortcutRun, config, hooks),
});

/** A shortcut run as units of one lookahead (a naive module each); the state is the results. */
const shortcutRun = defineUnitRun<ShortcutConfig, { results: ShortcutResult[] }>()({
  start: () => ({ results: [] }),
  count: (_, config) => config.lookaheadsMs.length,
  step({ results }, index, config, hooks) {
    const result = simulateLookahead(config, config.lookaheadsMs[index]);
    results.push(result);
    lookaheadSamples(hooks)(result);
  },
  async finish({ results }, config, started) {
    const L = results.map((r) => r.lookaheadMs);
    const feedbackDelayMs = config.loop.delayMs + config.slowDelayMs;
    const perGain = (f: (x: ClosedLoopResult) => number) =>
      Object.fromEntries(
        config.loop.gains.flatMap((k, i) => [[`k${k}`, results.map((r) => f(r.closed[i]))]]),
      );
    const closedCsv = {
      lookahead_ms: results.flatMap((r) => r.closed.map(() => r.lookaheadMs)),
      ratio_to_feedback_delay: results.flatMap((r) =>
        r.closed.map(() => r.lookaheadMs / feedbackDelayMs),
      ),
      loop_gain_k: results.flatMap((r) => r.closed.map((x) => x.gain)),
      loop_rms_ratio: results.flatMap((r) => r.closed.map((x) => x.loopGain)),
      loop_growth: results.flatMap((r) => r.closed.map((x) => x.growth)),
      loop_peak_ratio: results.flatMap((r) => r.closed.map((x) => x.loopPeak)),
    };
    const growth = perGain((x) => x.growth);
    const files = [
      {
        name: "lookahead.csv",
        data: toCsv({
          lookahead_ms: L,
          lead_ms: results.map((r) => r.leadMs),
          accuracy: results.map((r) => r.accuracy),
        }),
      },
      { name: "closed-loop.csv", data: toCsv(closedCsv) },
      {
        name: "lead.svg",
        data: await linePlot({
          title: "Lead over the slow path vs lookahead (open loop)",
          xLabel: "olive lookahead L (ms)",
          yLabel: "lead of z over the slow path (ms)",
          series: [{ name: "lead", x: L, y: results.map((r) => r.leadMs) }],
          markers: [{ x: config.slowDelayMs, label: "slow-path delay" }],
        }),
      },
      {
        name: "accuracy.svg",
        data: await linePlot({
          title: "Accuracy (peak correlation with the slow path) vs lookahead",
          xLabel: "olive lookahead L (ms)",
          yLabel: "peak correlation",
          series: [{ name: "accuracy", x: L, y: results.map((r) => r.accuracy) }],
          markers: [{ x: config.slowDelayMs, label: "slow-path delay" }],
        }),
      },
      {
        name: "stability.svg",
        data: await linePlot({
          title: `Closed loop: output growth vs lookahead / feedback delay (unstable above ${GROWTH_LIMIT})`,
          xLabel: `lookahead L / loop feedback delay D_fb (${feedbackDelayMs} ms)`,
          yLabel: "RMS z late / early",
          series: Object.entries(growth).map(([name, y]) => ({
            name,
            x: L.map((l) => l / feedbackDelayMs),
            y,
          })),
          markers: [{ x: 1, label: "L = D_fb" }],
        }),
      },
    ];
    return {
      summary: {
        paradigm: "shortcut" as const,
        seed: config.seed,
        wallSeconds: (Date.now() - started) / 1000,
        leadAtEqualAccuracy: leadAtEqualAccuracy(results),
        stability: {
          loopFeedbackDelayMs: feedbackDelayMs,
          growthLimit: GROWTH_LIMIT,
          byGain: stabilityBoundary(config, results),
        },
        results,
      },
      files,
    };
  },
});
