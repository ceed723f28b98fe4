/**
 * Save and restore a cerebellar module's whole state — weights, traces, histories, RNG, time —
 * as plain JSON (typed arrays as base64). The wiring is rebuilt from the spec's seed, so a
 * restored module continues bit-identically to the one that was saved.
 */
import type { Kernel } from "../kernels/kernel.js";
import { referenceKernel } from "../kernels/reference.js";
import { type CerebellumSpec, cerebellumParamsSchema } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import { isPlainObject } from "../model/merge.js";
import type { RngState } from "../model/rng.js";
import { parseWith, showValue } from "../model/validate.js";
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
  /** The climbing fibres' generator, when `olive.events` is on. */
  climbingFibres?: { rng: RngState };
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
  return {
    ...window,
    ...graded,
    ...golgi,
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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fromBase64(text: unknown, into: Typed, name: string): void {
  const field = `state.arrays.${name}`;
  if (typeof text !== "string" || text.length % 4 !== 0 || !BASE64.test(text))
    throw new ConfigError(field, `got ${showValue(text)}; allowed: a base64 string`);
  const bytes =
    typeof Buffer !== "undefined"
      ? Buffer.from(text, "base64")
      : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  if (bytes.length !== into.byteLength) {
    throw new ConfigError(
      field,
      `has ${bytes.length} bytes; allowed: ${into.byteLength} for this spec`,
    );
  }
  new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(bytes);
}

/** The first element of `a` outside [lo, hi] (or not finite), as a ConfigError. */
function checkValues(a: Typed, name: string, lo: number, hi: number, allowed: string): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!(Number.isFinite(v) && v >= lo && v <= hi))
      throw new ConfigError(
        `state.arrays.${name}[${i}]`,
        `got ${showValue(v)}; allowed: ${allowed}`,
      );
  }
}

/** Array contents that would break the module, checked after decoding. */
function checkArrays(brain: Cerebellum, arrays: Record<string, Typed>): void {
  const n = brain.params.granule.count;
  const capacity = brain.pfPlasticity.activity.capacity;
  for (const [name, a] of Object.entries(arrays)) {
    if (a instanceof Float32Array || a instanceof Float64Array)
      checkValues(a, name, -Infinity, Infinity, "a finite number");
  }
  checkValues(arrays.activityIndices, "activityIndices", 0, n - 1, `a granule index 0..${n - 1}`);
  checkValues(arrays.activityCounts, "activityCounts", 0, capacity, `a count 0..${capacity}`);
  checkValues(arrays.basisSilenced, "basisSilenced", 0, 1, "0 or 1");
  if (arrays.activityGains)
    checkValues(arrays.activityGains, "activityGains", 0, 1, "a granule rate 0..1");
}

function checkRng(value: unknown, field: string): RngState {
  if (!isPlainObject(value))
    throw new ConfigError(
      field,
      `got ${showValue(value)}; allowed: an object with keys a, b, c, d, spare`,
    );
  for (const k of ["a", "b", "c", "d"] as const) {
    const v = value[k];
    if (!(Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 32))
      throw new ConfigError(`${field}.${k}`, `got ${showValue(v)}; allowed: a 32-bit integer`);
  }
  const spare = value.spare;
  if (!(spare === null || (typeof spare === "number" && Number.isFinite(spare))))
    throw new ConfigError(
      `${field}.spare`,
      `got ${showValue(spare)}; allowed: null or a finite number`,
    );
  return value as unknown as RngState;
}

function checkNumber(
  value: unknown,
  field: string,
  ok: (v: number) => boolean,
  allowed: string,
): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !ok(value))
    throw new ConfigError(field, `got ${showValue(value)}; allowed: ${allowed}`);
  return value;
}

/** Checks what can be checked before the module is built: format, version, spec, scalars. */
function checkHeader(state: unknown): CerebellumState {
  if (!isPlainObject(state))
    throw new ConfigError(
      "state",
      `got ${showValue(state)}; allowed: a saved cerebellum state (an object)`,
    );
  if (state.format !== "shoulda-cerebellum-state")
    throw new ConfigError(
      "state.format",
      `got ${showValue(state.format)}; allowed: "shoulda-cerebellum-state"`,
    );
  if (state.version !== 1)
    throw new ConfigError("state.version", `got ${showValue(state.version)}; allowed: 1`);
  const spec = state.spec;
  if (!isPlainObject(spec))
    throw new ConfigError(
      "state.spec",
      `got ${showValue(spec)}; allowed: a cerebellum spec (an object)`,
    );
  if (spec.kind !== "cerebellum")
    throw new ConfigError("state.spec.kind", `got ${showValue(spec.kind)}; allowed: "cerebellum"`);
  const params = parseWith(cerebellumParamsSchema, spec.params, "state.spec.params");
  if (!Array.isArray(spec.channels) || !spec.channels.every((c) => typeof c === "string"))
    throw new ConfigError(
      "state.spec.channels",
      `got ${showValue(spec.channels)}; allowed: a list of channel names`,
    );
  checkNumber(
    spec.seed,
    "state.spec.seed",
    (v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32,
    "an integer 0..4294967295",
  );
  checkNumber(
    state.time,
    "state.time",
    (v) => Number.isSafeInteger(v) && v >= 0,
    "an integer ≥ 0 (steps)",
  );
  if (typeof state.learning !== "boolean")
    throw new ConfigError(
      "state.learning",
      `got ${showValue(state.learning)}; allowed: true or false`,
    );
  checkNumber(state.lesion, "state.lesion", (v) => v >= 0 && v <= 1, "a number 0..1");
  checkRng(state.rng, "state.rng");
  if (!isPlainObject(state.heads))
    throw new ConfigError(
      "state.heads",
      `got ${showValue(state.heads)}; allowed: an object with keys activity, errors, outputs`,
    );
  if (!isPlainObject(state.arrays))
    throw new ConfigError(
      "state.arrays",
      `got ${showValue(state.arrays)}; allowed: an object of base64 strings`,
    );
  if (state.window !== undefined) {
    if (!isPlainObject(state.window))
      throw new ConfigError(
        "state.window",
        `got ${showValue(state.window)}; allowed: an object with keys peakMs, rng`,
      );
    checkNumber(
      state.window.peakMs,
      "state.window.peakMs",
      (v) => v >= 0 && v <= 2000,
      "a number of ms 0..2000",
    );
    checkRng(state.window.rng, "state.window.rng");
  }
  if (state.climbingFibres !== undefined) {
    if (!isPlainObject(state.climbingFibres))
      throw new ConfigError(
        "state.climbingFibres",
        `got ${showValue(state.climbingFibres)}; allowed: an object with key rng`,
      );
    checkRng(state.climbingFibres.rng, "state.climbingFibres.rng");
  }
  return {
    ...(state as unknown as CerebellumState),
    spec: { ...(spec as unknown as CerebellumSpec), params },
  };
}

/** A ring position: -1 (nothing written yet) or a slot 0..length-1. */
function checkHead(value: unknown, name: string, length: number): number {
  return checkNumber(
    value,
    `state.heads.${name}`,
    (v) => Number.isInteger(v) && v >= -1 && v < length,
    `an integer -1..${length - 1} (the ring has ${length} slots)`,
  );
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
    ...(brain.climbingFibres
      ? { climbingFibres: { rng: brain.climbingFibres.rng.getState() } }
      : {}),
  };
}

/**
 * Rebuilds a module from a saved state. Everything is checked first — format and version,
 * the spec, finite scalars, ring positions inside their rings, the RNG states, each array's
 * size and contents (finite values, granule indices and counts in range) — and a ConfigError
 * names the first bad field (`state.heads.outputs`, `state.arrays.weights[12]`, …).
 */
export function restoreCerebellum(
  input: CerebellumState,
  kernel: Kernel = referenceKernel,
): Cerebellum {
  const state = checkHeader(input);
  const brain = new Cerebellum(state.spec, kernel);
  const arrays = stateArrays(brain);
  for (const [name, array] of Object.entries(arrays)) {
    if (!Object.hasOwn(state.arrays, name))
      throw new ConfigError(`state.arrays.${name}`, "missing");
    fromBase64(state.arrays[name], array, name);
  }
  checkArrays(brain, arrays);
  const heads = {
    activity: checkHead(state.heads.activity, "activity", brain.pfPlasticity.activity.length),
    errors: checkHead(state.heads.errors, "errors", brain.pfPlasticity.errors.length),
    outputs: checkHead(state.heads.outputs, "outputs", brain.outputHistory.length),
  };
  if (brain.windowAdaptation && !state.window)
    throw new ConfigError("state.window", "missing (the spec adapts its window)");
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
  if (brain.climbingFibres) {
    if (!state.climbingFibres)
      throw new ConfigError("state.climbingFibres", "missing (the spec's olive fires events)");
    brain.climbingFibres.rng.setState(state.climbingFibres.rng);
  }
  return brain;
}
