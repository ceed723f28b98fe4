/**
 * Flat rows for the study database: a run config as columns, a summary as (metric, value)
 * pairs, and a paradigm's trials.csv as typed columns. Pure functions.
 */
import { fromCsv } from "../io/csv.js";

export type Cell = number | string | boolean | null;
export type ColumnType = "DOUBLE" | "BOOLEAN" | "VARCHAR";

/**
 * The config's scalar leaves as dotted columns ("model.granule.count"); lists become JSON text,
 * and the experiment is one JSON column (its phases differ in shape between conditions).
 * `paradigm` and `seed` are left out: the runs table has its own columns for them.
 */
export function flattenConfig(config: Record<string, unknown>): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  const walk = (node: unknown, prefix: string) => {
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (node === null || node === undefined) out[prefix] = null;
    else if (typeof node === "number" || typeof node === "string" || typeof node === "boolean")
      out[prefix] = node;
    else out[prefix] = JSON.stringify(node);
  };
  for (const [k, v] of Object.entries(config)) {
    if (k === "paradigm" || k === "seed") continue;
    if (k === "experiment") out[k] = JSON.stringify(v);
    else walk(v, k);
  }
  return out;
}

/** Summary keys that are facts about the run, not results (timings differ run to run). */
const NOT_METRICS = new Set(["paradigm", "seed", "version", "node", "wallSeconds"]);

/**
 * Numeric results of a summary as ordered (metric, value) pairs: nested objects as dotted paths,
 * lists of records by their `phase`/`name`/`id` (else index), number lists by index
 * ("phases.acquisition.crPercentByBlock[3]"), booleans as 0/1, null kept as null (e.g. no
 * criterion reached). Strings are labels, not metrics, and are skipped.
 */
export function flattenSummary(summary: Record<string, unknown>): [string, number | null][] {
  const out: [string, number | null][] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === "number") out.push([path, Number.isFinite(node) ? node : null]);
    else if (typeof node === "boolean") out.push([path, node ? 1 : 0]);
    else if (node === null) out.push([path, null]);
    else if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const key =
          item && typeof item === "object" && !Array.isArray(item)
            ? ["phase", "name", "id"].map((k) => (item as Record<string, unknown>)[k])
            : [];
        const label = key.find((k) => typeof k === "string");
        walk(item, typeof label === "string" ? `${path}.${label}` : `${path}[${i}]`);
      });
    } else if (typeof node === "object") {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (path === "" && NOT_METRICS.has(k)) continue;
        if (["phase", "name", "id"].includes(k) && typeof v === "string") continue;
        walk(v, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(summary, "");
  return out;
}

export interface TrialTable {
  columns: string[];
  types: ColumnType[];
  /** Row-major cells, already converted to the column's type. */
  rows: Cell[][];
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$|^-?inf$/i;

function columnType(values: string[]): ColumnType | undefined {
  const present = values.filter((v) => v !== "");
  if (present.length === 0) return undefined;
  if (present.every((v) => v === "true" || v === "false")) return "BOOLEAN";
  if (present.every((v) => NUMBER.test(v))) return "DOUBLE";
  return "VARCHAR";
}

function convert(text: string, type: ColumnType): Cell {
  if (text === "") return null;
  if (type === "BOOLEAN") return text === "true";
  if (type === "DOUBLE") {
    if (/^inf$/i.test(text)) return Number.POSITIVE_INFINITY;
    if (/^-inf$/i.test(text)) return Number.NEGATIVE_INFINITY;
    return Number(text);
  }
  return text;
}

/**
 * A paradigm's trials.csv as typed columns: true/false columns are BOOLEAN, numeric ones
 * (with "inf") DOUBLE, the rest VARCHAR; empty fields (NaN) are null. A column with no values
 * at all is DOUBLE.
 */
export function parseTrials(csv: string): TrialTable {
  const cols = fromCsv(csv);
  const columns = Object.keys(cols);
  const types = columns.map((c) => columnType(cols[c]) ?? "DOUBLE");
  const n = columns.length ? cols[columns[0]].length : 0;
  const rows = Array.from({ length: n }, (_, i) =>
    columns.map((c, j) => convert(cols[c][i], types[j])),
  );
  return { columns, types, rows };
}

/** The type of a config column over all conditions: one kind, else VARCHAR. */
export function commonType(values: Cell[]): ColumnType {
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === "number")) return "DOUBLE";
  if (present.length > 0 && present.every((v) => typeof v === "boolean")) return "BOOLEAN";
  return "VARCHAR";
}
