/**
 * A user's data to fit, as CSV with a header row:
 *
 *   condition,block,cr_percent        (per block of blockTrials trials; or a `trial` column)
 *   isi250,1,12.5
 *
 * * `block` or `trial` (exactly one): the 1-based block or trial of the whole run.
 * * `condition` (optional): which condition of the fit file the row belongs to.
 * * one value column, named after a per-trial measure of the paradigm's trials.csv: `X` is the
 *   mean of X over the block's trials (true/false as 0/1; e.g. `csFreezing`, `amplitude`), and
 *   `X_percent` is 100 × that mean (e.g. `cr_percent` for eyeblink's true/false `cr`).
 */
import { fromCsv } from "../io/csv.js";
import { ConfigError } from "../model/errors.js";

export interface DataPoint {
  /** 1-based block (or trial) index. */
  index: number;
  value: number;
}

export interface DataSet {
  file: string;
  /** The value column as written ("cr_percent") and the trial measure it reads ("cr"). */
  column: string;
  measure: string;
  /** 100 for an `_percent` column, else 1. */
  scale: number;
  unit: "block" | "trial";
  /** Trials per data point: the fit file's blockTrials for blocks, 1 for trials. */
  trialsPerPoint: number;
  /** One entry per condition, in the file's order ("all" without a condition column). */
  conditions: { name: string; points: DataPoint[] }[];
}

const FORMAT =
  "a CSV with a header: optional condition, one of block or trial (1-based), and one value column named after a trial measure (X, or X_percent for 100 × its mean)";

export function parseData(text: string, file: string, blockTrials: number): DataSet {
  let cols: Record<string, string[]>;
  try {
    cols = fromCsv(text);
  } catch (e) {
    throw new ConfigError(
      file,
      `${e instanceof Error ? e.message : String(e)}; allowed: ${FORMAT}`,
    );
  }
  const names = Object.keys(cols);
  const units = names.filter((n) => n === "block" || n === "trial");
  if (units.length !== 1)
    throw new ConfigError(
      file,
      `has ${units.length === 0 ? "no block or trial column" : "both block and trial columns"} (columns: ${names.join(", ") || "none"}); allowed: ${FORMAT}`,
    );
  const unit = units[0] as "block" | "trial";
  const values = names.filter((n) => n !== unit && n !== "condition");
  if (values.length !== 1)
    throw new ConfigError(
      file,
      `needs exactly one value column besides condition and ${unit}, got ${values.length} (${values.join(", ") || "none"}); allowed: ${FORMAT}`,
    );
  const column = values[0];
  const percent = /^(.+)_percent$/.exec(column);
  const rows = cols[unit].length;
  if (rows === 0) throw new ConfigError(file, `has no data rows; allowed: ${FORMAT}`);
  const byCondition = new Map<string, DataPoint[]>();
  for (let r = 0; r < rows; r++) {
    const line = `${file}: line ${r + 2}`;
    const condition = cols.condition ? cols.condition[r].trim() : "all";
    const index = Number(cols[unit][r]);
    const value = Number(cols[column][r]);
    if (!condition)
      throw new ConfigError(line, "empty condition; allowed: a condition name of the fit file");
    if (!Number.isInteger(index) || index < 1 || cols[unit][r].trim() === "")
      throw new ConfigError(
        line,
        `${unit} ${JSON.stringify(cols[unit][r])}; allowed: an integer ≥ 1`,
      );
    if (cols[column][r].trim() === "" || !Number.isFinite(value))
      throw new ConfigError(
        line,
        `${column} ${JSON.stringify(cols[column][r])}; allowed: a finite number`,
      );
    const points = byCondition.get(condition) ?? [];
    if (points.some((p) => p.index === index))
      throw new ConfigError(
        line,
        `${unit} ${index} of condition ${condition} appears twice; allowed: each once`,
      );
    points.push({ index, value });
    byCondition.set(condition, points);
  }
  return {
    file,
    column,
    measure: percent ? percent[1] : column,
    scale: percent ? 100 : 1,
    unit,
    trialsPerPoint: unit === "trial" ? 1 : blockTrials,
    conditions: [...byCondition].map(([name, points]) => ({
      name,
      points: points.sort((a, b) => a.index - b.index),
    })),
  };
}
