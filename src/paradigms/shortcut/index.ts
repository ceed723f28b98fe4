/**
 * The cerebellum as a shortcut (`shoulda run shortcut`). A cortical command c(t) reaches the
 * muscle (or area B) through a slow path with delay D_slow = 150 ms. A cerebellar module sees the
 * cortex's state (context: c and ċ as push–pull channels) and is taught by the slow path's own
 * signal, s(t) = c(t − D_slow), arriving at the olive; with olive lookahead L its output learns
 * z(t) ≈ s(t + L) = c(t + L − D_slow). The module therefore emits the slow path's signal L ms
 * early: we measure the lead time it gains (cross-correlation lag of z against the slow path) and
 * its accuracy (peak correlation), for L from 0 to beyond D_slow.
 *
 * Closed loop: when the module's output feeds back into the very state it predicts,
 * x(t) = c(t) + k · z(t − D_loop) (its context and teacher are x), the seed's author conjectured
 * that looking further ahead than the loop's feedback delay (L > D_loop) destabilises the loop.
 * We measure the output's growth (RMS z / RMS c, late vs early) against L.
 */
import { z as zod } from "zod";
import { Cerebellum } from "../../brain/cerebellum.js";
import { toCsv } from "../../io/csv.js";
import { linePlot } from "../../io/plots.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { deepMerge, isPlainObject } from "../../model/merge.js";
import { deriveSeed } from "../../model/rng.js";
import { parseWith } from "../../model/validate.js";
import { pushPull } from "../../world/motor/sensors.js";
import { type HeadStimulus, sumOfSines } from "../../world/motor/stimulus.js";
import type { Paradigm, RunConfig, RunOutput } from "../types.js";

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
      .default([5, 50, 100, 150, 200, 250, 300])
      .describe("Olive lookaheads L to test (ms; the olive compares s(t) with z(t − L))"),
    loop: zod
      .object({
        delayMs: zod
          .number()
          .min(0)
          .max(2000)
          .default(150)
          .describe("D_loop: delay before the module's output feeds back into its own state"),
        gain: zod
          .number()
          .min(0)
          .max(5)
          .default(0.5)
          .describe("k: weight of the fed-back output in the state x = c + k·z"),
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

export interface ShortcutResult {
  lookaheadMs: number;
  /** Open loop: lag (ms) at which z best matches the slow path's output (positive = z leads). */
  leadMs: number;
  /** Open loop: peak correlation of z with the slow path's output. */
  accuracy: number;
  /** Closed loop: RMS z / RMS c over the last fifth of training. */
  loopGain: number;
  /** Closed loop: RMS z late / RMS z in the second fifth of training (> 1.5: growing). */
  growth: number;
  /** Closed loop: peak |z| / peak |c| (bounded weights cap it). */
  loopPeak: number;
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
  return new Cerebellum({
    kind: "cerebellum",
    params,
    channels: ["c+", "c-", "dc+", "dc-"],
    seed: deriveSeed(config.seed, name),
  });
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
  // Closed loop: x(t) = c(t) + k·z(t − D_loop); context and teacher are x.
  const loop = moduleFor(config, lookaheadMs, "closed");
  const loopSteps = Math.max(1, Math.round(config.loop.delayMs / dt));
  const ring = new Float64Array(loopSteps);
  let head = 0;
  let previous = 0;
  const fifth = Math.floor(train / 5);
  let early = 0;
  let late = 0;
  let cLate = 0;
  let peakZ = 0;
  let peakC = 0;
  for (let t = 0; t < train; t++) {
    const ms = t * dt;
    const fed = ring[head];
    const x = c.velocity(ms) + config.loop.gain * fed;
    const rate = (x - previous) / (dt / 1000);
    previous = x;
    teacher[0] = x;
    const z = loop.step(contextOf(x, rate, ctx), teacher)[0];
    ring[head] = z;
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
    lookaheadMs,
    leadMs: lead,
    accuracy: best,
    loopGain: Math.sqrt(late / cLate),
    growth: Math.sqrt(late / Math.max(early, 1e-12)),
    loopPeak: peakZ / peakC,
  };
}

export const shortcut: Paradigm<ShortcutConfig> = {
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
  async run(config, hooks = {}): Promise<RunOutput> {
    const started = Date.now();
    const results: ShortcutResult[] = [];
    for (const [i, l] of config.lookaheadsMs.entries()) {
      results.push(simulateLookahead(config, l));
      hooks.onProgress?.(i + 1, config.lookaheadsMs.length);
    }
    const L = results.map((r) => r.lookaheadMs);
    const files = [
      {
        name: "lookahead.csv",
        data: toCsv({
          lookahead_ms: L,
          lead_ms: results.map((r) => r.leadMs),
          accuracy: results.map((r) => r.accuracy),
          loop_rms_ratio: results.map((r) => r.loopGain),
          loop_growth: results.map((r) => r.growth),
          loop_peak_ratio: results.map((r) => r.loopPeak),
        }),
      },
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
          title: "Closed loop: output growth vs lookahead",
          xLabel: "olive lookahead L (ms)",
          yLabel: "RMS z late / early",
          series: [{ name: "growth", x: L, y: results.map((r) => r.growth) }],
          markers: [{ x: config.loop.delayMs, label: "loop feedback delay" }],
        }),
      },
    ];
    return {
      summary: {
        paradigm: "shortcut",
        seed: config.seed,
        wallSeconds: (Date.now() - started) / 1000,
        results,
      },
      files,
    };
  },
};
