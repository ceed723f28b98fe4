/**
 * Numeric parameter ranges, shared by study samples and fits: `path: [lo, hi]` or
 * `path: {lo, hi, log: true}`. A missing (null) end is taken from the config schema; given ends
 * must lie inside the schema's range. Values map to and from the unit interval, linearly or
 * on a log scale, integers rounded, so samplers and optimisers work on [0, 1]^d.
 */
import { ConfigError } from "../model/errors.js";
import { numberBounds } from "../model/numberBounds.js";
import { showValue } from "../model/validate.js";

export interface RangeSpec {
  path: string;
  lo: number | null;
  hi: number | null;
  log: boolean;
}

export interface ParamRange {
  path: string;
  lo: number;
  hi: number;
  log: boolean;
  integer: boolean;
}

const RANGE_ALLOWED =
  "[lo, hi] or {lo, hi, log: true} with numbers lo < hi (null or a missing end: the schema's bound)";

function end(v: unknown, field: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ConfigError(field, `got ${showValue(v)}; allowed: ${RANGE_ALLOWED}`);
  return v;
}

/** One range as written in a file; `field` names it in errors ("samples.params.model.x"). */
export function parseRange(path: string, raw: unknown, field: string): RangeSpec {
  if (Array.isArray(raw)) {
    if (raw.length !== 2)
      throw new ConfigError(field, `got ${showValue(raw)}; allowed: ${RANGE_ALLOWED}`);
    return { path, lo: end(raw[0], field), hi: end(raw[1], field), log: false };
  }
  if (raw !== null && typeof raw === "object") {
    const o = raw as Record<string, unknown>;
    const extra = Object.keys(o).find((k) => !["lo", "hi", "log"].includes(k));
    if (extra !== undefined)
      throw new ConfigError(`${field}.${extra}`, `unknown key; allowed: lo, hi, log`);
    if (o.log !== undefined && typeof o.log !== "boolean")
      throw new ConfigError(`${field}.log`, `got ${showValue(o.log)}; allowed: true or false`);
    return {
      path,
      lo: end(o.lo, `${field}.lo`),
      hi: end(o.hi, `${field}.hi`),
      log: o.log === true,
    };
  }
  throw new ConfigError(field, `got ${showValue(raw)}; allowed: ${RANGE_ALLOWED}`);
}

/** Config paths → ranges, in the file's order. */
export function parseRanges(raw: unknown, field: string): RangeSpec[] {
  if (
    raw === null ||
    typeof raw !== "object" ||
    Array.isArray(raw) ||
    Object.keys(raw).length === 0
  )
    throw new ConfigError(
      field,
      `got ${showValue(raw)}; allowed: an object of config path → ${RANGE_ALLOWED}`,
    );
  return Object.entries(raw).map(([path, r]) => parseRange(path, r, `${field}.${path}`));
}

/** Fills missing ends from the paradigm's schema and checks the ends against it. */
export function boundRange(spec: RangeSpec, schema: unknown, field: string): ParamRange {
  const b = numberBounds(schema, spec.path);
  if (!b)
    throw new ConfigError(
      field,
      "is not a numeric config parameter; allowed: a path to a number (see `shoulda list <paradigm>`)",
    );
  const lo = spec.lo ?? b.min;
  const hi = spec.hi ?? b.max;
  const within = `the schema allows ${b.min}..${b.max}${b.integer ? " (integers)" : ""}`;
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new ConfigError(field, `needs finite bounds (${within}); allowed: ${RANGE_ALLOWED}`);
  if (lo < b.min || hi > b.max)
    throw new ConfigError(field, `range ${lo}..${hi} is outside the schema's (${within})`);
  if (!(lo < hi)) throw new ConfigError(field, `got lo ${lo}, hi ${hi}; allowed: lo < hi`);
  if (spec.log && lo <= 0)
    throw new ConfigError(field, `a log range needs lo > 0, got ${lo}; allowed: 0 < lo < hi`);
  return { path: spec.path, lo, hi, log: spec.log, integer: b.integer };
}

/** u in [0, 1] → a value in the range (log-uniform for log ranges; integers rounded). */
export function fromUnit(range: ParamRange, u: number): number {
  const t = Math.min(1, Math.max(0, u));
  const v = range.log
    ? Math.exp(Math.log(range.lo) + t * (Math.log(range.hi) - Math.log(range.lo)))
    : range.lo + t * (range.hi - range.lo);
  const clamped = Math.min(range.hi, Math.max(range.lo, v));
  return range.integer
    ? Math.min(Math.floor(range.hi), Math.max(Math.ceil(range.lo), Math.round(clamped)))
    : clamped;
}

/** A value in the range → its position on [0, 1]. */
export function toUnit(range: ParamRange, v: number): number {
  const t = range.log
    ? (Math.log(v) - Math.log(range.lo)) / (Math.log(range.hi) - Math.log(range.lo))
    : (v - range.lo) / (range.hi - range.lo);
  return Math.min(1, Math.max(0, t));
}
