/**
 * Sampled studies: `samples: {n, method: lhs | random, seed, params: {path: [lo, hi], …}}`
 * draws n parameter points instead of (or crossed with) a sweep grid. Latin-hypercube
 * sampling (McKay, Beckman & Conover 1979) splits each parameter's range into n equal strata
 * (equal in log for log ranges) and puts exactly one point in each; random draws independent
 * uniform points. Both come from the sample seed alone, so a study file gives the same points.
 */
import { ConfigError } from "../model/errors.js";
import { deriveSeed, Rng } from "../model/rng.js";
import { showValue } from "../model/validate.js";
import { boundRange, fromUnit, type ParamRange, parseRanges, type RangeSpec } from "./ranges.js";

export const SAMPLE_METHODS = ["lhs", "random"] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];
export const MAX_SAMPLES = 100_000;

export interface SampleSpec {
  n: number;
  method: SampleMethod;
  seed: number;
  params: RangeSpec[];
}

const KEYS = ["n", "method", "seed", "params"];

/** Validates a study file's `samples` value. */
export function parseSamples(raw: unknown, field = "samples"): SampleSpec {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new ConfigError(
      field,
      `got ${showValue(raw)}; allowed: {n, method: lhs | random, seed, params: {path: [lo, hi]}}`,
    );
  const o = raw as Record<string, unknown>;
  const extra = Object.keys(o).find((k) => !KEYS.includes(k));
  if (extra !== undefined)
    throw new ConfigError(`${field}.${extra}`, `unknown key; allowed: ${KEYS.join(", ")}`);
  const n = o.n;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_SAMPLES)
    throw new ConfigError(
      `${field}.n`,
      `got ${showValue(n)}; allowed: an integer 1..${MAX_SAMPLES}`,
    );
  const method = o.method ?? "lhs";
  if (!SAMPLE_METHODS.includes(method as SampleMethod))
    throw new ConfigError(
      `${field}.method`,
      `got ${showValue(method)}; allowed: ${SAMPLE_METHODS.join(", ")}`,
    );
  const seed = o.seed ?? 1;
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 4294967295)
    throw new ConfigError(
      `${field}.seed`,
      `got ${showValue(seed)}; allowed: an integer 0..4294967295`,
    );
  return {
    n,
    method: method as SampleMethod,
    seed,
    params: parseRanges(o.params, `${field}.params`),
  };
}

/**
 * n points in [0, 1]^d. LHS: for each dimension a random permutation of the n strata, one
 * uniform draw inside each stratum; random: independent uniforms.
 */
export function unitSamples(n: number, d: number, method: SampleMethod, seed: number): number[][] {
  const rng = new Rng(deriveSeed(seed, `samples:${method}`));
  const points = Array.from({ length: n }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    const strata = method === "lhs" ? rng.shuffle(Array.from({ length: n }, (_, i) => i)) : [];
    for (let i = 0; i < n; i++)
      points[i][j] = method === "lhs" ? (strata[i] + rng.uniform()) / n : rng.uniform();
  }
  return points;
}

/** The sample points as config values, path → value, checked against the paradigm's schema. */
export function samplePoints(spec: SampleSpec, schema: unknown): [string, number][][] {
  const ranges: ParamRange[] = spec.params.map((r) =>
    boundRange(r, schema, `samples.params.${r.path}`),
  );
  return unitSamples(spec.n, ranges.length, spec.method, spec.seed).map((u) =>
    ranges.map((r, j) => [r.path, fromUnit(r, u[j])] as [string, number]),
  );
}
