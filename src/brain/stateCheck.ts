/**
 * Checks for a saved cerebellum state (brain/state.ts), so that a tampered or mistyped file is
 * refused with a ConfigError naming the field (`state.heads.outputs`, `state.arrays.weights[12]`)
 * and the allowed values — never accepted to turn into NaN a few steps later.
 *
 * Two passes: `checkHeader` before the module is built (format, version, spec, scalars, RNG
 * states, key sets, the size of the big weight arrays, so a bad file cannot make us allocate
 * gigabytes), and `checkBuilt` after the arrays are decoded into the rebuilt module (contents
 * in range, ring positions that agree with `time`).
 */
import type { CerebellumSpec } from "../model/cerebellum.js";
import { cerebellumParamsSchema } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import { isPlainObject } from "../model/merge.js";
import type { RngState } from "../model/rng.js";
import { parseWith, showValue } from "../model/validate.js";
import type { Cerebellum } from "./cerebellum.js";
import type { CerebellumState } from "./state.js";

type Typed = Float32Array | Float64Array | Int32Array | Uint8Array;

const STATE_KEYS = [
  "format",
  "version",
  "spec",
  "time",
  "learning",
  "lesion",
  "rng",
  "heads",
  "arrays",
  "window",
  "climbingFibres",
  "checksum",
];
const SPEC_KEYS = ["kind", "params", "channels", "seed"];
const HEAD_KEYS = ["activity", "errors", "outputs"];
const RNG_KEYS = ["a", "b", "c", "d", "spare"];

/** An object whose keys are all in `allowed` (a typo'd or foreign key is refused, not ignored). */
function checkKeys(value: Record<string, unknown>, field: string, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new ConfigError(`${field}.${key}`, `unknown key; allowed: ${allowed.join(", ")}`);
  }
}

function checkObject(value: unknown, field: string, allowed: string[]): Record<string, unknown> {
  if (!isPlainObject(value))
    throw new ConfigError(
      field,
      `got ${showValue(value)}; allowed: an object with keys ${allowed.join(", ")}`,
    );
  checkKeys(value, field, allowed);
  return value;
}

export function checkNumber(
  value: unknown,
  field: string,
  ok: (v: number) => boolean,
  allowed: string,
): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !ok(value))
    throw new ConfigError(field, `got ${showValue(value)}; allowed: ${allowed}`);
  return value;
}

/** An sfc32 state: four 32-bit words (signed or unsigned) and the cached normal deviate. */
function checkRng(value: unknown, field: string): RngState {
  const rng = checkObject(value, field, RNG_KEYS);
  for (const k of ["a", "b", "c", "d"] as const) {
    checkNumber(
      rng[k],
      `${field}.${k}`,
      (v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 32,
      "a 32-bit integer (-2147483648..4294967295)",
    );
  }
  const spare = rng.spare;
  if (!(spare === null || (typeof spare === "number" && Number.isFinite(spare))))
    throw new ConfigError(
      `${field}.spare`,
      `got ${showValue(spare)}; allowed: null or a finite number`,
    );
  return rng as unknown as RngState;
}

/** Bytes a base64 text decodes to (the text itself is checked when it is decoded). */
function base64Bytes(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/**
 * The weight arrays (N × P and M × P floats) are the ones that can be huge: their size is checked
 * against the spec before the module is built.
 */
function checkWeightSizes(arrays: Record<string, unknown>, spec: CerebellumSpec): void {
  const p = spec.params;
  const sizes: [string, number][] = [
    ["weights", p.granule.count * p.purkinje.count * 4],
    ["nucleusWeights", p.mossy.count * p.purkinje.count * 4],
  ];
  for (const [name, bytes] of sizes) {
    const text = arrays[name];
    if (typeof text !== "string") continue; // missing or not a string: named when decoded
    const got = base64Bytes(text);
    if (got !== bytes)
      throw new ConfigError(
        `state.arrays.${name}`,
        `has ${got} bytes; allowed: ${bytes} for this spec (${name === "weights" ? "granule" : "mossy"} count × purkinje count × 4)`,
      );
  }
}

/** Checks what can be checked before the module is built: format, version, spec, scalars. */
export function checkHeader(input: unknown): CerebellumState {
  if (!isPlainObject(input))
    throw new ConfigError(
      "state",
      `got ${showValue(input)}; allowed: a saved cerebellum state (an object)`,
    );
  const state = input;
  if (state.format !== "shoulda-cerebellum-state")
    throw new ConfigError(
      "state.format",
      `got ${showValue(state.format)}; allowed: "shoulda-cerebellum-state"`,
    );
  if (state.version !== 1)
    throw new ConfigError("state.version", `got ${showValue(state.version)}; allowed: 1`);
  checkKeys(state, "state", STATE_KEYS);
  const spec = state.spec;
  if (!isPlainObject(spec))
    throw new ConfigError(
      "state.spec",
      `got ${showValue(spec)}; allowed: a cerebellum spec (an object)`,
    );
  checkKeys(spec, "state.spec", SPEC_KEYS);
  if (spec.kind !== "cerebellum")
    throw new ConfigError("state.spec.kind", `got ${showValue(spec.kind)}; allowed: "cerebellum"`);
  const params = parseWith(cerebellumParamsSchema, spec.params, "state.spec.params");
  const channels = spec.channels;
  if (
    !Array.isArray(channels) ||
    channels.length === 0 ||
    !channels.every((c) => typeof c === "string" && c !== "") ||
    new Set(channels).size !== channels.length
  )
    throw new ConfigError(
      "state.spec.channels",
      `got ${showValue(channels)}; allowed: a non-empty list of distinct channel names`,
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
  checkObject(state.heads, "state.heads", HEAD_KEYS);
  if (!isPlainObject(state.arrays))
    throw new ConfigError(
      "state.arrays",
      `got ${showValue(state.arrays)}; allowed: an object of base64 strings`,
    );
  const fullSpec = { ...(spec as unknown as CerebellumSpec), params };
  checkWeightSizes(state.arrays, fullSpec);
  if (state.window !== undefined) {
    const window = checkObject(state.window, "state.window", ["peakMs", "rng"]);
    checkNumber(
      window.peakMs,
      "state.window.peakMs",
      (v) => v >= 0 && v <= 2000,
      "a number of ms 0..2000",
    );
    checkRng(window.rng, "state.window.rng");
  }
  if (state.climbingFibres !== undefined) {
    const cf = checkObject(state.climbingFibres, "state.climbingFibres", ["rng"]);
    checkRng(cf.rng, "state.climbingFibres.rng");
  }
  return { ...(state as unknown as CerebellumState), spec: fullSpec };
}

/** The parts of the state that belong to optional features: present exactly when the spec has them. */
export function checkFeatures(state: CerebellumState, brain: Cerebellum): void {
  if (brain.windowAdaptation && !state.window)
    throw new ConfigError("state.window", "missing (the spec adapts its window)");
  if (!brain.windowAdaptation && state.window)
    throw new ConfigError(
      "state.window",
      "unexpected: the spec does not adapt its window (plasticity.pfPurkinje.windowAdaptation.enabled is false)",
    );
  if (brain.climbingFibres && !state.climbingFibres)
    throw new ConfigError("state.climbingFibres", "missing (the spec's olive fires events)");
  if (!brain.climbingFibres && state.climbingFibres)
    throw new ConfigError(
      "state.climbingFibres",
      "unexpected: the spec's olive fires no events (olive.events.enabled is false)",
    );
}

/** The state's array names: exactly the ones this spec's module has. */
export function checkArrayNames(state: CerebellumState, names: string[]): void {
  for (const name of Object.keys(state.arrays)) {
    if (!names.includes(name))
      throw new ConfigError(
        `state.arrays.${name}`,
        `unknown array for this spec; allowed: ${names.join(", ")}`,
      );
  }
  for (const name of names) {
    if (!Object.hasOwn(state.arrays, name))
      throw new ConfigError(`state.arrays.${name}`, "missing");
  }
}

/** The first element of `a[from..to)` for which `ok` fails (or that is not finite), as a ConfigError. */
function checkValues(
  a: Typed,
  name: string,
  ok: (v: number) => boolean,
  allowed: string,
  from = 0,
  to = a.length,
): void {
  for (let i = from; i < to; i++) {
    const v = a[i];
    if (!(Number.isFinite(v) && ok(v)))
      throw new ConfigError(
        `state.arrays.${name}[${i}]`,
        `got ${showValue(v)}; allowed: ${allowed}`,
      );
  }
}

const between = (lo: number, hi: number) => (v: number) => v >= lo && v <= hi;
const anyFinite = () => true;

/**
 * Array contents that would break the module or that it can never reach, checked after decoding.
 * Float32 arrays hold bounds rounded to float32, so the bounds are rounded the same way.
 */
function checkArrays(brain: Cerebellum, arrays: Record<string, Typed>, time: number): void {
  const p = brain.params;
  const n = p.granule.count;
  const capacity = brain.pfPlasticity.activity.capacity;
  for (const [name, a] of Object.entries(arrays)) {
    if (a instanceof Float32Array || a instanceof Float64Array)
      checkValues(a, name, anyFinite, "a finite number");
  }
  const rule = p.plasticity.pfPurkinje;
  const w0 = Math.fround(p.purkinje.initialWeight);
  const lo = Math.fround(rule.minWeight);
  const hi = Math.fround(rule.maxWeight);
  // A PF→PC weight is w₀ until plasticity first touches it, and clamped to [min, max] after.
  checkValues(
    arrays.weights,
    "weights",
    (v) => v === w0 || (v >= lo && v <= hi),
    `w₀ = ${p.purkinje.initialWeight} or a weight ${rule.minWeight}..${rule.maxWeight} (plasticity.pfPurkinje.minWeight..maxWeight)`,
  );
  const vMax = p.plasticity.mfNucleus.maxWeight;
  checkValues(
    arrays.nucleusWeights,
    "nucleusWeights",
    between(0, Math.fround(vMax)),
    `a weight 0..${vMax} (plasticity.mfNucleus.maxWeight)`,
  );
  checkValues(arrays.nucleusInput, "nucleusInput", (v) => v >= 0, "a filtered rate ≥ 0");
  checkValues(arrays.basisStages, "basisStages", (v) => v >= 0, "a cascade stage ≥ 0");
  checkValues(arrays.basisSilenced, "basisSilenced", between(0, 1), "0 or 1");
  checkValues(arrays.activityCounts, "activityCounts", between(0, capacity), `0..${capacity}`);
  // Only the first counts[s] entries of each slot are read.
  const { counts, length } = brain.pfPlasticity.activity;
  for (let s = 0; s < length; s++) {
    const from = s * capacity;
    checkValues(
      arrays.activityIndices,
      "activityIndices",
      between(0, n - 1),
      `a granule index 0..${n - 1}`,
      from,
      from + counts[s],
    );
    if (arrays.activityGains)
      checkValues(
        arrays.activityGains,
        "activityGains",
        between(0, 1),
        "a granule rate 0..1",
        from,
        from + counts[s],
      );
  }
  if (arrays.golgi) checkValues(arrays.golgi, "golgi", (v) => v >= 0, "a Golgi rate ≥ 0");
  if (arrays.windowKappa)
    checkValues(arrays.windowKappa, "windowKappa", between(0, 1), "a window weight 0..1");
  if (arrays.windowCounters) checkWindowCounters(brain, arrays.windowCounters, time);
}

/** [probe ring head = time mod lags, steps since κ was re-sampled < 1000 ms / dt]. */
function checkWindowCounters(brain: Cerebellum, counters: Typed, time: number): void {
  const adapt = brain.windowAdaptation;
  if (!adapt) return;
  const lags = adapt.probes.length / brain.params.purkinje.count;
  const head = time % lags;
  checkValues(
    counters,
    "windowCounters",
    (v) => v === head,
    `${head} (time mod ${lags}, the probe ring's slot at time ${time})`,
    0,
    1,
  );
  const resample = Math.ceil(1000 / brain.params.dtMs);
  checkValues(
    counters,
    "windowCounters",
    between(0, resample - 1),
    `0..${resample - 1} (steps since the window was re-sampled)`,
    1,
    2,
  );
}

/**
 * A ring position: -1 before anything was written, then the slot of the last write. The output
 * ring is written every step, the activity and error rings every step PF→PC plasticity is on, so
 * the position follows from `time`: another one would misalign the delays silently.
 */
function checkHead(value: unknown, name: string, length: number, time: number, written: boolean) {
  const expected = written && time > 0 ? (time - 1) % length : -1;
  const why = written
    ? `(time − 1) mod ${length} for time ${time}; the ring has ${length} slots`
    : "nothing is written to this ring while plasticity.pfPurkinje.enabled is false";
  return checkNumber(
    value,
    `state.heads.${name}`,
    (v) => v === expected,
    time === 0 || !written ? `-1 (${why})` : `${expected} (${why})`,
  );
}

export interface Heads {
  activity: number;
  errors: number;
  outputs: number;
}

/** Checks the ring positions and the decoded arrays of the rebuilt module. */
export function checkBuilt(
  state: CerebellumState,
  brain: Cerebellum,
  arrays: Record<string, Typed>,
): Heads {
  const plastic = brain.params.plasticity.pfPurkinje.enabled;
  const { time } = state;
  const heads: Heads = {
    activity: checkHead(
      state.heads.activity,
      "activity",
      brain.pfPlasticity.activity.length,
      time,
      plastic,
    ),
    errors: checkHead(
      state.heads.errors,
      "errors",
      brain.pfPlasticity.errors.length,
      time,
      plastic,
    ),
    outputs: checkHead(state.heads.outputs, "outputs", brain.outputHistory.length, time, true),
  };
  checkArrays(brain, arrays, time);
  return heads;
}

/** Two 32-bit FNV-1a hashes (different offsets) over a string's UTF-16 units, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

const CHECKSUM_PREFIX = "fnv1a64:";

/** The checksum saveCerebellum stores: over the state's JSON without the checksum itself. */
export function stateChecksum(state: Omit<CerebellumState, "checksum">): string {
  const { checksum: _, ...rest } = state as CerebellumState;
  return CHECKSUM_PREFIX + fnv1a64(JSON.stringify(rest));
}

/**
 * The last check: a state whose every field is well-formed can still have been edited (an RNG
 * word, a ring position recomputed to agree with `time`, a weight within its bounds) and would
 * resume as a silently different run. The checksum catches that; a state saved without one
 * (older files) is accepted on the other checks alone.
 */
export function checkChecksum(state: CerebellumState): void {
  if (state.checksum === undefined) return;
  if (typeof state.checksum !== "string" || !state.checksum.startsWith(CHECKSUM_PREFIX))
    throw new ConfigError(
      "state.checksum",
      `got ${showValue(state.checksum)}; allowed: "${CHECKSUM_PREFIX}" and 16 hex digits, as saveCerebellum writes it`,
    );
  if (stateChecksum(state) !== state.checksum)
    throw new ConfigError(
      "state.checksum",
      "does not match the state's content: a field was edited or damaged after the state was saved; allowed: the state as saveCerebellum wrote it (or without its checksum, to accept edits)",
    );
}
