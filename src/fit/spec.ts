/**
 * A fit file: which paradigm parameters to fit, to which data, on which animals.
 *
 *   paradigm: fear
 *   data: freezing.csv                # relative to the fit file (format: fit/data.ts)
 *   seeds: "1..4"                     # common random numbers: every candidate runs these animals
 *   params:                           # path → [lo, hi] or {lo, hi, log: true}; null end: the schema's
 *     model.plasticity.la.potentiation: {lo: 0.005, hi: 0.5, log: true}
 *   conditions:                       # the data's condition → config path → value (optional)
 *     renewal: {preset: renewal}
 *   set: {model.la.count: 1000}       # fixed values for every run (optional)
 *   restarts: 3                       # Nelder–Mead restarts from Latin-hypercube starts
 *   maxEvaluations: 40                # candidates per restart
 *   seed: 1                           # the restarts' starting points
 *   blockTrials: 10                   # trials per block when the data has a block column
 */
import { dirname, isAbsolute, join } from "node:path";
import * as z from "zod";
import { ConfigError } from "../model/errors.js";
import { allow, parseWith } from "../model/validate.js";
import { parseRanges, type RangeSpec } from "../study/ranges.js";
import { DEFAULT_BLOCK_TRIALS, parseSeeds } from "../study/spec.js";

export const DEFAULT_FIT_SEEDS = [1, 2, 3, 4];
export const DEFAULT_RESTARTS = 3;
/** Per restart: Nelder–Mead needs some 15–25 candidates per dimension on these objectives. */
export const defaultMaxEvaluations = (params: number) => 20 + 20 * params;

const value = z.unknown();
const CONDITION = /^[A-Za-z0-9_.-]{1,64}$/;

const fitSchema = z.strictObject({
  paradigm: allow(z.string().min(1), "a paradigm id (see `shoulda list --brief`)"),
  data: allow(z.string().min(1), "the path of the data CSV (relative to the fit file)"),
  seeds: z.unknown().optional(),
  params: z.unknown(),
  conditions: allow(
    z.record(z.string().regex(CONDITION), z.record(z.string().min(1), value)),
    "an object of condition name (letters, digits, _ . -) → {config path: value}",
  ).optional(),
  set: allow(z.record(z.string().min(1), value), "an object of config path → one value").default(
    {},
  ),
  restarts: z.number().int().min(1).max(100).default(DEFAULT_RESTARTS),
  maxEvaluations: z.number().int().min(2).max(100_000).optional(),
  seed: z.number().int().min(0).max(4294967295).default(1),
  blockTrials: z.number().int().min(1).max(100_000).default(DEFAULT_BLOCK_TRIALS),
});

export interface FitSpec {
  paradigm: string;
  /** The data file, resolved against the fit file's folder. */
  dataFile: string;
  seeds: number[];
  params: RangeSpec[];
  /** Condition name → its config values; undefined: one condition, "all". */
  conditions?: [string, [string, unknown][]][];
  set: [string, unknown][];
  restarts: number;
  maxEvaluations: number;
  seed: number;
  blockTrials: number;
}

/** Paths a fit may not fit or set: its own axes. */
const RESERVED = new Set(["seed", "paradigm"]);

export function parseFit(input: unknown, fitFile: string): FitSpec {
  const raw = parseWith(fitSchema, input, "");
  const params = parseRanges(raw.params, "params");
  const set = Object.entries(raw.set);
  const conditions = raw.conditions
    ? Object.entries(raw.conditions).map(
        ([name, values]) => [name, Object.entries(values)] as [string, [string, unknown][]],
      )
    : undefined;
  for (const r of params) {
    if (RESERVED.has(r.path))
      throw new ConfigError(`params.${r.path}`, "cannot be fitted; allowed: a numeric model path");
    if (
      set.some(([p]) => p === r.path) ||
      conditions?.some(([, v]) => v.some(([p]) => p === r.path))
    )
      throw new ConfigError(
        `params.${r.path}`,
        "is also set (in set or conditions); allowed: a path either fitted or set",
      );
  }
  for (const [path] of set)
    if (RESERVED.has(path))
      throw new ConfigError(`set.${path}`, "cannot be set here; allowed: any other config path");
  return {
    paradigm: raw.paradigm,
    dataFile: isAbsolute(raw.data) ? raw.data : join(dirname(fitFile), raw.data),
    seeds: raw.seeds === undefined ? DEFAULT_FIT_SEEDS : parseSeeds(raw.seeds),
    params,
    conditions,
    set,
    restarts: raw.restarts,
    maxEvaluations: raw.maxEvaluations ?? defaultMaxEvaluations(params.length),
    seed: raw.seed,
    blockTrials: raw.blockTrials,
  };
}
