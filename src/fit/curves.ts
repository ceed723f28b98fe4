/**
 * Data against model: for each data point (condition, block or trial), the model's value there
 * — each animal's mean of the measure over the point's trials, × the data's scale, then the
 * mean and SEM across animals — and the fit's loss, the mean squared difference. Pure.
 */
import type { DataSet } from "./data.js";

/** One trial's measure in one run (null: NaN or missing). */
export interface TrialValue {
  condition: string;
  seed: number;
  row: number;
  value: number | null;
}

export interface CurvePoint {
  condition: string;
  /** 1-based block or trial. */
  index: number;
  data: number;
  /** Mean across animals (NaN when no animal has a value there). */
  model: number;
  /** SEM across animals (NaN for fewer than 2). */
  sem: number;
  n: number;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function modelCurves(rows: TrialValue[], data: DataSet): CurvePoint[] {
  // condition → seed → row → value
  const runs = new Map<string, Map<number, Map<number, number>>>();
  for (const r of rows) {
    if (r.value === null || !Number.isFinite(r.value)) continue;
    const bySeed = runs.get(r.condition) ?? new Map<number, Map<number, number>>();
    runs.set(r.condition, bySeed);
    const byRow = bySeed.get(r.seed) ?? new Map<number, number>();
    bySeed.set(r.seed, byRow);
    byRow.set(r.row, r.value);
  }
  const k = data.trialsPerPoint;
  return data.conditions.flatMap((c) =>
    c.points.map((p) => {
      const animals: number[] = [];
      for (const byRow of runs.get(c.name)?.values() ?? []) {
        const vs: number[] = [];
        for (let row = (p.index - 1) * k; row < p.index * k; row++) {
          const v = byRow.get(row);
          if (v !== undefined) vs.push(v);
        }
        if (vs.length > 0) animals.push(mean(vs) * data.scale);
      }
      const m = animals.length ? mean(animals) : Number.NaN;
      const sd =
        animals.length > 1
          ? Math.sqrt(animals.reduce((s, x) => s + (x - m) ** 2, 0) / (animals.length - 1))
          : Number.NaN;
      return {
        condition: c.name,
        index: p.index,
        data: p.value,
        model: m,
        sem: sd / Math.sqrt(animals.length),
        n: animals.length,
      };
    }),
  );
}

/** Mean squared model − data difference; Infinity when the model has no value at a point. */
export function meanSquaredError(points: CurvePoint[]): number {
  if (points.some((p) => !Number.isFinite(p.model))) return Number.POSITIVE_INFINITY;
  return mean(points.map((p) => (p.model - p.data) ** 2));
}
