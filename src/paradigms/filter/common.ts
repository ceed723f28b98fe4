/**
 * Glue shared by the filter paradigms (dcn, ell, cortex-loop, tinnitus): building a filter on a
 * scene's channels, event masks for analysis, and small record helpers.
 */
import { type FilterOptions, InputFilter } from "../../brain/filter.js";
import { getKernel } from "../../kernels/index.js";
import type { CerebellumParams } from "../../model/cerebellum.js";
import type { Scene, SceneEvent } from "../../world/scene.js";

export function makeFilter(
  scene: Scene,
  model: CerebellumParams,
  options: FilterOptions,
  seed: number,
  backend = "ts",
  extraContext: string[] = [],
): InputFilter {
  return new InputFilter(
    {
      sensory: scene.sensoryNames,
      context: [...scene.contextNames, ...extraContext],
      params: model,
      options,
      seed,
    },
    getKernel(backend),
  );
}

/**
 * One flag per element (steps × N): 1 inside the windows [onset + from, onset + length + to)
 * of the given events, on every channel (or only `channelOf(event)` when given).
 */
export function eventMask(
  scene: Scene,
  events: readonly SceneEvent[],
  pad: { from?: number; to?: number } = {},
  channelOf?: (e: SceneEvent) => number,
): Uint8Array {
  const n = scene.sensoryNames.length;
  const mask = new Uint8Array(scene.steps * n);
  for (const e of events) {
    const a = Math.max(0, e.step + (pad.from ?? 0));
    const b = Math.min(scene.steps, e.step + e.length + (pad.to ?? 0));
    for (let t = a; t < b; t++) {
      if (channelOf) mask[t * n + channelOf(e)] = 1;
      else mask.fill(1, t * n, (t + 1) * n);
    }
  }
  return mask;
}

/** Restrict a mask to steps [from, to). */
export function stepRange(mask: Uint8Array, n: number, from: number, to: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  out.set(mask.subarray(from * n, to * n), from * n);
  return out;
}

/** Intersection (a ∧ ¬b) of masks. */
export function maskMinus(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => (v && !b[i] ? 1 : 0));
}

export const round = (x: number, digits = 3) =>
  Number.isFinite(x) ? Number(x.toFixed(digits)) : x;

/** Mean over channels of a steps × N series: one value per step (for plots). */
export function channelMean(
  series: ArrayLike<number>,
  n: number,
  from = 0,
  to = series.length / n,
): Float64Array {
  const out = new Float64Array(to - from);
  for (let t = from; t < to; t++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += series[t * n + j];
    out[t - from] = s / n;
  }
  return out;
}
