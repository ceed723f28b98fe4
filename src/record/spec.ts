/**
 * What a run records (its probes), Nengo-style: a plain, validated description, from a run
 * config's `record:` section or the CLI's `--record …` flags. The recorder (record/recorder.ts)
 * reads it; the simulation never does.
 *
 * ```yaml
 * record:
 *   probes: [eyelid, purkinje, cf, nucleus, weights, granule-raster]
 *   every: 10                 # weights every 10 trials (and before the first)
 *   cells: { granule: "0..49", purkinje: "0" }
 *   psthBinMs: 25
 *   formats: [ndjson, hdf5]
 * ```
 */
import { ConfigError } from "../model/errors.js";
import { isPlainObject } from "../model/merge.js";
import { showValue } from "../model/validate.js";

/**
 * Per trial, per step of the trial window: `eyelid` (the eyelid response), `purkinje` (the
 * Purkinje pause y₀ − y of the chosen Purkinje cells: their rate raster), `cf` (the
 * climbing-fibre error e(t)), `nucleus` (the nucleus output z(t), before the motor delay);
 * `weights`: PF→PC and MF→nucleus weights every `every` trials; `granule-raster`: the steps at
 * which each chosen granule cell is active. PSTHs per phase come with `granule-raster` and
 * `purkinje`.
 */
export const PROBES = ["eyelid", "purkinje", "cf", "nucleus", "weights", "granule-raster"] as const;
export type Probe = (typeof PROBES)[number];

export const FORMATS = ["ndjson", "hdf5"] as const;
export type RecordFormat = (typeof FORMATS)[number];

export interface RecordSpec {
  probes: Probe[];
  /** Weights every this many trials (default 10). */
  every: number;
  /** Chosen cells (indices): granule cells for the raster (default 0..49), Purkinje cells (default all). */
  cells: { granule: number[] | "default"; purkinje: number[] | "all" };
  /** PSTH bin width in ms (default 25). */
  psthBinMs: number;
  /** Files to write (default ndjson): recordings.ndjson, recordings.h5. */
  formats: RecordFormat[];
}

/** Granule cells recorded when none are chosen: the first 50 (fewer when N is smaller). */
export const DEFAULT_GRANULE_CELLS = 50;

const KEYS = ["probes", "every", "cells", "psthBinMs", "formats"];
const MAX_CELLS = 100_000;

function list<T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] {
  const items = typeof value === "string" ? value.split(",").map((s) => s.trim()) : value;
  if (!Array.isArray(items) || items.length === 0)
    throw new ConfigError(
      field,
      `got ${showValue(value)}; allowed: a non-empty list of ${allowed.join(", ")}`,
    );
  const out: T[] = [];
  items.forEach((item, i) => {
    if (!allowed.includes(item as T))
      throw new ConfigError(
        `${field}[${i}]`,
        `got ${showValue(item)}; allowed: ${allowed.join(", ")}`,
      );
    if (!out.includes(item as T)) out.push(item as T);
  });
  return out;
}

function positiveInt(value: unknown, field: string, max: number): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > max)
    throw new ConfigError(field, `got ${showValue(value)}; allowed: an integer 1..${max}`);
  return n;
}

/** "0..49", "0,3,7", "0..9,20..29" or a list of integers → sorted distinct indices. */
export function parseCells(value: unknown, field: string): number[] {
  const allowed = 'allowed: cell indices such as "0..49", "0,3,7" or a list of integers ≥ 0';
  const parts = Array.isArray(value)
    ? value
    : typeof value === "string"
      ? value.split(",").map((s) => s.trim())
      : typeof value === "number"
        ? [value]
        : undefined;
  if (!parts || parts.length === 0)
    throw new ConfigError(field, `got ${showValue(value)}; ${allowed}`);
  const cells = new Set<number>();
  for (const part of parts) {
    const m = typeof part === "string" ? /^(\d+)(?:\.\.(\d+))?$/.exec(part) : null;
    const lo = typeof part === "number" ? part : m ? Number(m[1]) : Number.NaN;
    const hi = typeof part === "number" ? part : m?.[2] !== undefined ? Number(m[2]) : lo;
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 0 || hi < lo)
      throw new ConfigError(
        field,
        `got ${showValue(part)}; ${allowed} (a range lo..hi has lo ≤ hi)`,
      );
    if (hi - lo + 1 + cells.size > MAX_CELLS)
      throw new ConfigError(field, `selects more than ${MAX_CELLS} cells; ${allowed}`);
    for (let c = lo; c <= hi; c++) cells.add(c);
  }
  return [...cells].sort((a, b) => a - b);
}

/** Validates a config's `record:` section (`field` names it in errors). */
export function parseRecordSpec(input: unknown, field = "record"): RecordSpec {
  if (!isPlainObject(input))
    throw new ConfigError(
      field,
      `got ${showValue(input)}; allowed: an object with keys ${KEYS.join(", ")}`,
    );
  for (const key of Object.keys(input))
    if (!KEYS.includes(key))
      throw new ConfigError(`${field}.${key}`, `unknown key; allowed: ${KEYS.join(", ")}`);
  const cells = input.cells ?? {};
  if (!isPlainObject(cells))
    throw new ConfigError(
      `${field}.cells`,
      `got ${showValue(cells)}; allowed: an object with keys granule, purkinje`,
    );
  for (const key of Object.keys(cells))
    if (key !== "granule" && key !== "purkinje")
      throw new ConfigError(`${field}.cells.${key}`, "unknown key; allowed: granule, purkinje");
  return {
    probes: list(input.probes, `${field}.probes`, PROBES),
    every: input.every === undefined ? 10 : positiveInt(input.every, `${field}.every`, 1_000_000),
    cells: {
      granule:
        cells.granule === undefined
          ? "default"
          : parseCells(cells.granule, `${field}.cells.granule`),
      purkinje:
        cells.purkinje === undefined
          ? "all"
          : parseCells(cells.purkinje, `${field}.cells.purkinje`),
    },
    psthBinMs:
      input.psthBinMs === undefined
        ? 25
        : positiveInt(input.psthBinMs, `${field}.psthBinMs`, 10_000),
    formats:
      input.formats === undefined ? ["ndjson"] : list(input.formats, `${field}.formats`, FORMATS),
  };
}

export interface RecordFlags {
  record?: string;
  recordEvery?: string;
  /** Repeatable: "0..49" (granule cells) or "granule=0..49" / "purkinje=0". */
  recordCells?: string[];
  recordFormat?: string;
}

/**
 * The `record:` section with the CLI flags applied on top (a flag wins over the file). Returns
 * undefined when neither asks for a recording; a flag other than --record without probes is an
 * error naming --record.
 */
export function recordInput(
  section: unknown,
  flags: RecordFlags,
): Record<string, unknown> | undefined {
  const cellsFlags = flags.recordCells ?? [];
  const anyFlag =
    flags.record !== undefined ||
    flags.recordEvery !== undefined ||
    flags.recordFormat !== undefined ||
    cellsFlags.length > 0;
  if (section === undefined && !anyFlag) return undefined;
  // Not an object: parseRecordSpec names the bad value.
  if (section !== undefined && !isPlainObject(section)) return section as Record<string, unknown>;
  const base: Record<string, unknown> = { ...(section ?? {}) };
  if (flags.record !== undefined) base.probes = flags.record;
  else if (base.probes === undefined)
    throw new ConfigError(
      "--record",
      `missing: --record-every, --record-cells and --record-format need probes; allowed: --record ${PROBES.join(",")}`,
    );
  if (flags.recordEvery !== undefined) base.every = flags.recordEvery;
  if (flags.recordFormat !== undefined) base.formats = flags.recordFormat;
  const cells: Record<string, unknown> = isPlainObject(base.cells) ? { ...base.cells } : {};
  for (const flag of cellsFlags) {
    const eq = flag.indexOf("=");
    const kind = eq < 0 ? "granule" : flag.slice(0, eq);
    if (kind !== "granule" && kind !== "purkinje")
      throw new ConfigError(
        "--record-cells",
        `got ${JSON.stringify(flag)}; allowed: RANGE (granule cells), granule=RANGE or purkinje=RANGE`,
      );
    cells[kind] = eq < 0 ? flag : flag.slice(eq + 1);
  }
  if (cellsFlags.length > 0 || base.cells !== undefined) base.cells = cells;
  return base;
}

/** Chosen cells resolved against the model's sizes (N granule, P Purkinje cells). */
export interface ResolvedCells {
  granule: number[];
  purkinje: number[];
}

export function resolveCells(spec: RecordSpec, granule: number, purkinje: number): ResolvedCells {
  const check = (cells: number[], count: number, name: string, key: string) => {
    const bad = cells.find((c) => c >= count);
    if (bad !== undefined)
      throw new ConfigError(
        `record.cells.${name}`,
        `got cell ${bad}; allowed: 0..${count - 1} (the model has ${count} ${name} cells, ${key})`,
      );
    return cells;
  };
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    granule:
      spec.cells.granule === "default"
        ? range(Math.min(DEFAULT_GRANULE_CELLS, granule))
        : check(spec.cells.granule, granule, "granule", "model.granule.count"),
    purkinje:
      spec.cells.purkinje === "all"
        ? range(purkinje)
        : check(spec.cells.purkinje, purkinje, "purkinje", "model.purkinje.count"),
  };
}

/** The spec as a `record:` section again (config.json keeps it; parseRecordSpec reads it back). */
export function recordSection(spec: RecordSpec): Record<string, unknown> {
  const cells: Record<string, number[]> = {};
  if (spec.cells.granule !== "default") cells.granule = spec.cells.granule;
  if (spec.cells.purkinje !== "all") cells.purkinje = spec.cells.purkinje;
  return {
    probes: spec.probes,
    every: spec.every,
    ...(Object.keys(cells).length > 0 ? { cells } : {}),
    psthBinMs: spec.psthBinMs,
    formats: spec.formats,
  };
}
