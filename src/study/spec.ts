/**
 * A study file: one paradigm × a parameter grid × a group of animals (seeds).
 *
 *   paradigm: eyeblink
 *   seeds: [1, 2, 3, 4]            # or "1..16"
 *   sweep:                         # config path → values; every combination runs
 *     experiment: ["60 T+(isi=250)", "60 T+(isi=500)"]
 *     model.granule.count: [2000, 4000]
 *
 * Optional: `set` (path → one value, applied to every condition before the sweep),
 * `samples` (n Latin-hypercube or random points over numeric ranges, crossed with the sweep;
 * see samples.ts) and `blockTrials` (trials per block of the group learning curve, default 10).
 */
import * as z from "zod";
import { ConfigError } from "../model/errors.js";
import { allow, parseWith, showValue } from "../model/validate.js";
import { parseSamples, type SampleSpec } from "./samples.js";

export const MAX_SEED = 4294967295;
/** More cells than this is a typo, not a study (3 ISIs × 16 animals is 48). */
export const MAX_CELLS = 100_000;
export const DEFAULT_BLOCK_TRIALS = 10;

const SEED_RANGE = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/;
const SEEDS_ALLOWED = `a list of distinct integers 0..${MAX_SEED}, or a range "a..b" such as "1..16"`;

/** "1..16" → [1, …, 16]; a list is checked for integers and duplicates. */
export function parseSeeds(value: unknown, field = "seeds"): number[] {
  if (typeof value === "string") {
    const m = SEED_RANGE.exec(value);
    const [a, b] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
    if (!m || a > b || b > MAX_SEED || b - a + 1 > MAX_CELLS)
      throw new ConfigError(field, `got ${JSON.stringify(value)}; allowed: ${SEEDS_ALLOWED}`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  if (value === undefined)
    throw new ConfigError(field, `missing (required); allowed: ${SEEDS_ALLOWED}`);
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_CELLS)
    throw new ConfigError(field, `got ${showValue(value)}; allowed: ${SEEDS_ALLOWED}`);
  const list = value.map((s, i) => {
    if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > MAX_SEED)
      throw new ConfigError(`${field}[${i}]`, `got ${showValue(s)}; allowed: ${SEEDS_ALLOWED}`);
    return s;
  });
  const seen = new Set<number>();
  list.forEach((s, i) => {
    if (seen.has(s))
      throw new ConfigError(`${field}[${i}]`, `seed ${s} appears twice; allowed: ${SEEDS_ALLOWED}`);
    seen.add(s);
  });
  return list;
}

const scalar = z.union([z.number(), z.string(), z.boolean()]);
const value = z.union([scalar, z.array(z.unknown()), z.record(z.string(), z.unknown())]);

const studySchema = z.strictObject({
  paradigm: allow(z.string().min(1), "a paradigm id (see `shoulda list --brief`)"),
  seeds: z.unknown().optional(),
  sweep: allow(
    z.record(z.string().min(1), z.array(value).min(1)),
    "an object of config path → a non-empty list of values",
  ).default({}),
  set: allow(z.record(z.string().min(1), value), "an object of config path → one value").default(
    {},
  ),
  samples: z.unknown().optional(),
  blockTrials: z.number().int().min(1).max(100_000).default(DEFAULT_BLOCK_TRIALS),
});

export interface StudySpec {
  paradigm: string;
  seeds: number[];
  /** Config path → values, in the file's order. */
  sweep: [string, unknown[]][];
  set: [string, unknown][];
  /** Sampled points over numeric ranges, crossed with the sweep grid. */
  samples?: SampleSpec;
  blockTrials: number;
  /** A partial run config every cell starts from (`shoulda run FILE --seeds …`); none in a study file. */
  base?: Record<string, unknown>;
}

/** Paths a study may not sweep or set: they are the study's own axes. */
const RESERVED: Record<string, string> = {
  seed: "use seeds",
  paradigm: "use paradigm",
};

function checkPaths(entries: [string, unknown][], root: string): void {
  for (const [path] of entries) {
    const why = RESERVED[path];
    if (why)
      throw new ConfigError(
        `${root}.${path}`,
        `cannot be a ${root} path (${why}); allowed: any other config path`,
      );
  }
}

/** Reserved, repeated and overlapping paths; the paradigm checks the rest when it is planned. */
export function checkStudyPaths(spec: Pick<StudySpec, "sweep" | "set" | "samples">): void {
  checkPaths(spec.sweep, "sweep");
  checkPaths(spec.set, "set");
  const sampled = (spec.samples?.params ?? []).map((r) => [r.path, r] as [string, unknown]);
  checkPaths(sampled, "samples.params");
  for (const [path] of sampled)
    if (spec.sweep.some(([p]) => p === path) || spec.set.some(([p]) => p === path))
      throw new ConfigError(
        `samples.params.${path}`,
        "is also swept or set; allowed: a path in one of sweep, set or samples",
      );
  const swept = new Set<string>();
  for (const [path] of spec.sweep) {
    if (swept.has(path))
      throw new ConfigError(`sweep.${path}`, "is swept twice; allowed: each path once");
    swept.add(path);
  }
  for (const [path] of spec.set)
    if (swept.has(path))
      throw new ConfigError(
        `set.${path}`,
        "is also swept; allowed: a path in either set or sweep, not both",
      );
}

/** Validates a parsed study file (YAML/JSON value); paths are checked later, against the paradigm. */
export function parseStudy(input: unknown): StudySpec {
  const raw = parseWith(studySchema, input, "");
  const sweep = Object.entries(raw.sweep);
  const set = Object.entries(raw.set);
  const samples = raw.samples === undefined ? undefined : parseSamples(raw.samples);
  checkStudyPaths({ sweep, set, samples });
  return {
    paradigm: raw.paradigm,
    seeds: parseSeeds(raw.seeds),
    sweep,
    set,
    ...(samples ? { samples } : {}),
    blockTrials: raw.blockTrials,
  };
}
