/**
 * A scene: what a sensory filter's world produces over a stretch of time, precomputed as arrays
 * so that analyses know the ground truth of every component.
 *
 *   context[t·C + c]            context channel c at step t (efference copies, proprioception),
 *                               non-negative rates
 *   components[k][t·N + j]      the deviation that source k (self-generated sound, external
 *                               sound, a paired tone, prey …) adds to sensory channel j
 *   input s_j(t) = μ + Σ_k components[k][t·N + j] + receptor noise           (runScene)
 *
 * Sources add (each is already passed through its own receptor compression), so each one's
 * contribution to the residual can be measured against its own template.
 */
import type { Rng } from "../model/rng.js";

export interface SceneEvent {
  /** e.g. "lick", "external", "playback", "paired", "eod", "prey". */
  kind: string;
  /** Step of onset. */
  step: number;
  /** Steps the event's sound / stimulus lasts (for analysis windows). */
  length: number;
  /** Free numbers: force, jaw, channel, delay … */
  [key: string]: number | string;
}

export interface Scene {
  dtMs: number;
  steps: number;
  contextNames: string[];
  sensoryNames: string[];
  /** steps × C */
  context: Float32Array;
  /** Per source, steps × N. */
  components: Record<string, Float32Array>;
  events: SceneEvent[];
}

export function emptyScene(
  dtMs: number,
  steps: number,
  contextNames: string[],
  sensoryNames: string[],
  sources: string[],
): Scene {
  const n = sensoryNames.length;
  return {
    dtMs,
    steps,
    contextNames,
    sensoryNames,
    context: new Float32Array(steps * contextNames.length),
    components: Object.fromEntries(sources.map((s) => [s, new Float32Array(steps * n)])),
    events: [],
  };
}

/** Sum of the named sources (all when `sources` is omitted), steps × N. */
export function sumComponents(scene: Scene, sources?: readonly string[]): Float32Array {
  const n = scene.sensoryNames.length;
  const out = new Float32Array(scene.steps * n);
  for (const key of sources ?? Object.keys(scene.components)) {
    const c = scene.components[key];
    if (!c) continue;
    for (let i = 0; i < out.length; i++) out[i] += c[i];
  }
  return out;
}

/** Anything that turns sensory input and context into an unexpected part: the filter, NLMS. */
export interface Canceller {
  readonly prediction: Float64Array;
  readonly unexpected: Float64Array;
  learning: boolean;
  step(input: ArrayLike<number>, context: ArrayLike<number>): ArrayLike<number>;
}

export interface SceneRecord {
  /** u(t), steps × N. */
  unexpected: Float32Array;
  /** ŷ(t), steps × N. */
  prediction: Float32Array;
  /** The input deviation s − μ that reached the filter (all components + noise, after the gain), steps × N. */
  input: Float32Array;
}

export interface RunSceneOptions {
  /** Receptor noise SD added to every channel each step. */
  noiseSd: number;
  /** μ: the resting input rate. */
  restingInput: number;
  /** Per-channel input gain (hearing loss: < 1); applied to everything that reaches the receptor. */
  inputGain?: ArrayLike<number>;
  /** Context channels forced to 0 (e.g. a PF input removed; F6). */
  silenceContext?: readonly number[];
  /**
   * Called after each step with its index and the record so far, filled up to step t (e.g. to
   * drive a cortex loop, or to measure a block as soon as it has run: {@link atBlockEnds}).
   */
  afterStep?: (t: number, rec: SceneRecord) => void;
  /** Replaces the context of a step before it reaches the filter (e.g. appends cortex state). */
  contextOf?: (t: number, world: Float32Array) => ArrayLike<number>;
}

/** Run a canceller through a scene, step by step; returns what it did. */
export function runScene(
  canceller: Canceller,
  scene: Scene,
  rng: Rng,
  options: RunSceneOptions,
): SceneRecord {
  const n = scene.sensoryNames.length;
  const c = scene.contextNames.length;
  const total = sumComponents(scene);
  const rec: SceneRecord = {
    unexpected: new Float32Array(scene.steps * n),
    prediction: new Float32Array(scene.steps * n),
    input: new Float32Array(scene.steps * n),
  };
  const input = new Float64Array(n);
  const context = new Float32Array(c);
  const silenced = options.silenceContext ?? [];
  for (let t = 0; t < scene.steps; t++) {
    for (let j = 0; j < n; j++) {
      const g = options.inputGain ? options.inputGain[j] : 1;
      const noise = options.noiseSd > 0 ? options.noiseSd * rng.normal() : 0;
      input[j] = Math.max(0, options.restingInput + g * (total[t * n + j] + noise));
      rec.input[t * n + j] = input[j] - options.restingInput;
    }
    context.set(scene.context.subarray(t * c, (t + 1) * c));
    for (const k of silenced) context[k] = 0;
    const ctx = options.contextOf ? options.contextOf(t, context) : context;
    canceller.step(input, ctx);
    for (let j = 0; j < n; j++) {
      rec.unexpected[t * n + j] = canceller.unexpected[j];
      rec.prediction[t * n + j] = canceller.prediction[j];
    }
    options.afterStep?.(t, rec);
  }
  return rec;
}

/**
 * An `afterStep` that calls `done(b)` as soon as block b of `blocks` equal stretches of `steps`
 * has run, block b being steps ⌊b·steps/blocks⌋ … ⌊(b+1)·steps/blocks⌋ − 1 (the bounds of the
 * paradigms' per-block curves), so a block's measure can be sent while the scene goes on.
 */
export function atBlockEnds(
  steps: number,
  blocks: number,
  done: (block: number, rec: SceneRecord) => void,
): (t: number, rec: SceneRecord) => void {
  let next = 0;
  return (t, rec) => {
    while (next < blocks && Math.floor(((next + 1) * steps) / blocks) - 1 <= t) done(next++, rec);
  };
}
