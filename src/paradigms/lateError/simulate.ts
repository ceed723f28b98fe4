/**
 * The late-error curves: adaptation against the gap before the error and against how long the
 * error is visible, for the persistent plan (the mechanism), the transient plan (its ablation),
 * a transient plan whose window is matched to each delay (Suvrathan et al. 2016's timing rule,
 * one animal per delay), and the persistent plan without output gating.
 */
import type { LateErrorConfig } from "./config.js";
import { type AdaptationResult, adaptation, type RigVariant } from "./rig.js";

export const CONDITIONS = {
  persistent: "persistent plan (efference copy held until the error)",
  transient: "transient plan (efference copy during the movement only)",
  matchedWindow: "transient plan, window peak = gap + latency + half the movement",
  ungated: "persistent plan, output not gated after the movement",
} as const;

export type ConditionId = keyof typeof CONDITIONS;

/** The conditions of the visibility curve (the mechanism and its ablation). */
export const VISIBILITY_CONDITIONS: readonly ConditionId[] = ["persistent", "transient"];

export interface CurvePoint extends AdaptationResult {
  curve: "delay" | "visibility";
  condition: ConditionId;
  seed: number;
  gapMs: number;
  visibleMs: number;
}

function variant(
  config: LateErrorConfig,
  condition: ConditionId,
  seed: number,
  gapMs: number,
  visibleMs: number,
): RigVariant {
  const base = { seed, gapMs, visibleMs };
  switch (condition) {
    case "persistent":
      return { ...base, planContext: "persistent" };
    case "transient":
      return { ...base, planContext: "movement" };
    case "matchedWindow":
      return {
        ...base,
        planContext: "movement",
        windowPeakMs: gapMs + config.loop.errorDelayMs + config.durationMs / 2,
      };
    case "ungated":
      return { ...base, planContext: "persistent", gateOutput: false };
  }
}

export const seedsOf = (config: LateErrorConfig) =>
  Array.from({ length: config.animals }, (_, i) => config.seed + i);

export type CurveJob = Omit<CurvePoint, keyof AdaptationResult>;

/** Every point of both curves, every animal, in order: one independent animal each. */
export function lateErrorJobs(config: LateErrorConfig): CurveJob[] {
  const seeds = seedsOf(config);
  const jobs: CurveJob[] = [];
  for (const condition of Object.keys(CONDITIONS) as ConditionId[])
    for (const gapMs of config.gapsMs)
      for (const seed of seeds)
        jobs.push({ curve: "delay", condition, seed, gapMs, visibleMs: config.trials.visibleMs });
  for (const condition of VISIBILITY_CONDITIONS)
    for (const visibleMs of config.visibleMsList)
      for (const seed of seeds)
        jobs.push({
          curve: "visibility",
          condition,
          seed,
          gapMs: config.visibilityGapMs,
          visibleMs,
        });
  return jobs;
}

/** One point: a naive animal trained and tested. */
export function curvePoint(config: LateErrorConfig, job: CurveJob): CurvePoint {
  const r = adaptation(config, variant(config, job.condition, job.seed, job.gapMs, job.visibleMs));
  return { ...job, ...r };
}

const groupOf = (j: CurveJob) => `${j.curve}|${j.condition}|${j.gapMs}|${j.visibleMs}`;

/**
 * Where the group (one curve point's animals) of job `index` starts, if `index` is its last
 * animal, else null. A point's animals are consecutive jobs (seeds innermost).
 */
export function groupStartIfLast(jobs: CurveJob[], index: number): number | null {
  const key = groupOf(jobs[index]);
  if (index + 1 < jobs.length && groupOf(jobs[index + 1]) === key) return null;
  let from = index;
  while (from > 0 && groupOf(jobs[from - 1]) === key) from--;
  return from;
}

/**
 * Every point of both curves, every animal; `onSummary` gets each (curve, condition, x)'s mean
 * over animals (a row of curves.csv) as soon as its last animal has run.
 */
export function lateErrorCurves(
  config: LateErrorConfig,
  onProgress?: (done: number, total: number) => void,
  onSummary?: (s: CurveSummary) => void,
): CurvePoint[] {
  const jobs = lateErrorJobs(config);
  const points: CurvePoint[] = [];
  for (const [i, j] of jobs.entries()) {
    points.push(curvePoint(config, j));
    onProgress?.(i + 1, jobs.length);
    const from = groupStartIfLast(jobs, i);
    if (onSummary && from !== null)
      for (const s of summarizeCurves(points.slice(from))) onSummary(s);
  }
  return points;
}

export interface CurveSummary {
  curve: "delay" | "visibility";
  condition: ConditionId;
  x: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  meanDriftDeg: number;
}

/** Mean, SD and range over animals per (curve, condition, x). */
export function summarizeCurves(points: CurvePoint[]): CurveSummary[] {
  const groups = new Map<string, CurvePoint[]>();
  for (const p of points) {
    const x = p.curve === "delay" ? p.gapMs : p.visibleMs;
    const key = `${p.curve}|${p.condition}|${x}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.entries()].map(([key, ps]) => {
    const [curve, condition, x] = key.split("|");
    const a = ps.map((p) => p.adaptation);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const sd =
      a.length > 1 ? Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / (a.length - 1)) : 0;
    return {
      curve: curve as CurveSummary["curve"],
      condition: condition as ConditionId,
      x: Number(x),
      mean,
      sd,
      min: Math.min(...a),
      max: Math.max(...a),
      meanDriftDeg: ps.reduce((s, p) => s + p.driftAfter, 0) / ps.length,
    };
  });
}
