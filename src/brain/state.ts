/**
 * Save and restore a cerebellar module's whole state — weights, traces, histories, RNG, time —
 * as plain JSON (typed arrays as base64). The wiring is rebuilt from the spec's seed, so a
 * restored module continues bit-identically to the one that was saved.
 */
import type { Kernel } from "../kernels/kernel.js";
import { referenceKernel } from "../kernels/reference.js";
import { BASE64, bytesOfBase64, toBase64 } from "../model/base64.js";
import type { CerebellumSpec } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import type { RngState } from "../model/rng.js";
import { showValue } from "../model/validate.js";
import { Cerebellum } from "./cerebellum.js";
import {
  checkArrayNames,
  checkBuilt,
  checkChecksum,
  checkFeatures,
  checkHeader,
  stateChecksum,
} from "./stateCheck.js";

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
  /** The climbing fibres' generator, when `olive.events` is on. */
  climbingFibres?: { rng: RngState };
  /** Over the rest of the state (brain/stateCheck.ts): an edited state is refused on restore. */
  checksum?: string;
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
  // Graded and Golgi-feedback layers carry more state: the rates in the history, the Golgi cells.
  const gains = plasticity.activity.gains;
  const graded: Record<string, Typed> = gains ? { activityGains: gains } : {};
  const golgi: Record<string, Typed> =
    brain.granule.golgi.length > 0 ? { golgi: brain.granule.golgi } : {};
  const adaptation: Record<string, Typed> =
    brain.basis.adaptation.length > 0 ? { basisAdaptation: brain.basis.adaptation } : {};
  const drive: Record<string, Typed> = brain.usDrive
    ? { oliveAdaptation: brain.usDrive.adaptation }
    : {};
  return {
    ...window,
    ...graded,
    ...golgi,
    ...adaptation,
    ...drive,
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

function fromBase64(text: unknown, into: Typed, name: string): void {
  const field = `state.arrays.${name}`;
  if (typeof text !== "string" || text.length % 4 !== 0 || !BASE64.test(text))
    throw new ConfigError(field, `got ${showValue(text)}; allowed: a base64 string`);
  const bytes = bytesOfBase64(text);
  if (bytes.length !== into.byteLength) {
    throw new ConfigError(
      field,
      `has ${bytes.length} bytes; allowed: ${into.byteLength} for this spec`,
    );
  }
  new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(bytes);
}

export function saveCerebellum(brain: Cerebellum): CerebellumState {
  if (brain.purkinje.int) throw intStateError();
  const arrays = Object.fromEntries(
    Object.entries(stateArrays(brain)).map(([k, a]) => [k, toBase64(a)]),
  );
  const state: CerebellumState = {
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
    ...(brain.climbingFibres
      ? { climbingFibres: { rng: brain.climbingFibres.rng.getState() } }
      : {}),
  };
  return { ...state, checksum: stateChecksum(state) };
}

/**
 * Rebuilds a module from a saved state. Everything is checked first (brain/stateCheck.ts) —
 * format and version, the spec, the keys, finite scalars, the RNG states, ring positions that
 * agree with `time`, each array's size and contents (finite, weights within their bounds,
 * granule indices and counts in range), then the checksum (an edit that passes every other check,
 * say an RNG word, is refused too) — and a ConfigError names the first bad field
 * (`state.heads.outputs`, `state.arrays.weights[12]`, …) with the allowed values.
 */
export function restoreCerebellum(
  input: CerebellumState,
  kernel: Kernel = referenceKernel,
): Cerebellum {
  const state = checkHeader(input);
  if (kernel.intWeights) throw intStateError();
  const brain = new Cerebellum(state.spec, kernel);
  checkFeatures(state, brain);
  const arrays = stateArrays(brain);
  checkArrayNames(state, Object.keys(arrays));
  for (const [name, array] of Object.entries(arrays)) fromBase64(state.arrays[name], array, name);
  const heads = checkBuilt(state, brain, arrays);
  checkChecksum(input); // the input as given: checkHeader fills in the spec's defaults
  brain.time = state.time;
  brain.learning = state.learning;
  brain.purkinje.lesion = state.lesion;
  brain.noiseRng.setState(state.rng);
  brain.pfPlasticity.activity.head = heads.activity;
  brain.pfPlasticity.errors.head = heads.errors;
  brain.outputHistory.head = heads.outputs;
  if (brain.windowAdaptation && state.window) {
    brain.windowAdaptation.setPeak(state.window.peakMs);
    brain.windowAdaptation.rng.setState(state.window.rng);
  }
  if (brain.climbingFibres && state.climbingFibres)
    brain.climbingFibres.rng.setState(state.climbingFibres.rng);
  return brain;
}

/** Saved states hold float weights: the integer tier cannot save or resume one (yet). */
function intStateError(): ConfigError {
  return new ConfigError(
    "backend",
    "saved states are float-tier only; allowed backends for save/resume: ts, wasm, wasm-threads",
  );
}
