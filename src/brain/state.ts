/**
 * Save and restore a cerebellar module's whole state — weights, traces, histories, RNG, time —
 * as plain JSON (typed arrays as base64). The wiring is rebuilt from the spec's seed, so a
 * restored module continues bit-identically to the one that was saved.
 */
import type { Kernel } from "../kernels/kernel.js";
import { referenceKernel } from "../kernels/reference.js";
import type { CerebellumSpec } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import type { RngState } from "../model/rng.js";
import { Cerebellum } from "./cerebellum.js";

type Typed = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface CerebellumState {
  format: "shoulda-cerebellum-state";
  version: 1;
  spec: CerebellumSpec;
  time: number;
  learning: boolean;
  lesion: number;
  rng: RngState;
  heads: { activity: number; errors: number; outputs: number };
  arrays: Record<string, string>;
  /** The adaptive window's scalars, when `plasticity.pfPurkinje.windowAdaptation` is on. */
  window?: { peakMs: number; rng: RngState };
}

/** The module's mutable arrays, by name (the same list saves and restores). */
function stateArrays(brain: Cerebellum): Record<string, Typed> {
  const plasticity = brain.pfPlasticity;
  const adapt = brain.windowAdaptation;
  const window: Record<string, Typed> = adapt
    ? {
        windowKappa: plasticity.kappa,
        windowCorrelation: adapt.correlation,
        windowProbes: adapt.probes,
        windowCounters: adapt.counters,
      }
    : {};
  return {
    ...window,
    mossyNoise: brain.mossy.noise,
    mossyPrevious: brain.mossy.previous,
    basisStages: brain.basis.stages,
    basisSilenced: brain.basis.silenced,
    weights: brain.purkinje.w,
    nucleusWeights: brain.nucleus.v,
    nucleusInput: brain.nucleus.input,
    activityIndices: plasticity.activity.indices,
    activityCounts: plasticity.activity.counts,
    errors: plasticity.errors.values,
    outputs: brain.outputHistory.values,
  };
}

function toBase64(a: Typed): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (typeof Buffer !== "undefined") return Buffer.from(bytes).toString("base64");
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string, into: Typed, name: string): void {
  const bytes =
    typeof Buffer !== "undefined"
      ? Buffer.from(text, "base64")
      : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  if (bytes.length !== into.byteLength) {
    throw new ConfigError(
      `state.arrays.${name}`,
      `has ${bytes.length} bytes; allowed: ${into.byteLength} for this spec`,
    );
  }
  new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(bytes);
}

export function saveCerebellum(brain: Cerebellum): CerebellumState {
  const arrays = Object.fromEntries(
    Object.entries(stateArrays(brain)).map(([k, a]) => [k, toBase64(a)]),
  );
  return {
    format: "shoulda-cerebellum-state",
    version: 1,
    spec: structuredClone(brain.spec),
    time: brain.time,
    learning: brain.learning,
    lesion: brain.purkinje.lesion,
    rng: brain.noiseRng.getState(),
    heads: {
      activity: brain.pfPlasticity.activity.head,
      errors: brain.pfPlasticity.errors.head,
      outputs: brain.outputHistory.head,
    },
    arrays,
    ...(brain.windowAdaptation
      ? {
          window: {
            peakMs: brain.windowAdaptation.peakMs,
            rng: brain.windowAdaptation.rng.getState(),
          },
        }
      : {}),
  };
}

export function restoreCerebellum(
  state: CerebellumState,
  kernel: Kernel = referenceKernel,
): Cerebellum {
  if (state?.format !== "shoulda-cerebellum-state" || state.version !== 1) {
    throw new ConfigError("state.format", 'allowed: a "shoulda-cerebellum-state" of version 1');
  }
  const brain = new Cerebellum(state.spec, kernel);
  for (const [name, array] of Object.entries(stateArrays(brain))) {
    if (!(name in state.arrays)) throw new ConfigError(`state.arrays.${name}`, "missing");
    fromBase64(state.arrays[name], array, name);
  }
  brain.time = state.time;
  brain.learning = state.learning;
  brain.purkinje.lesion = state.lesion;
  brain.noiseRng.setState(state.rng);
  brain.pfPlasticity.activity.head = state.heads.activity;
  brain.pfPlasticity.errors.head = state.heads.errors;
  brain.outputHistory.head = state.heads.outputs;
  if (brain.windowAdaptation) {
    if (!state.window)
      throw new ConfigError("state.window", "missing (the spec adapts its window)");
    brain.windowAdaptation.setPeak(state.window.peakMs);
    brain.windowAdaptation.rng.setState(state.window.rng);
  }
  return brain;
}
