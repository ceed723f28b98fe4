/**
 * Eyeblink measures: one row per trial, a summary per phase, and mean profiles per phase and
 * trial type. Pure functions over the simulation's trial records.
 */
import { type CrMeasures, measureCr } from "../../analysis/conditionedResponse.js";
import { blockRates, trialsToCriterion } from "../../analysis/criterion.js";
import { meanProfile } from "../../analysis/profile.js";
import { mean } from "../../analysis/stats.js";
import type { TrialType } from "../../protocol/types.js";
import type { EyeblinkAnalysis } from "./config.js";
import type { TrialRecord } from "./simulate.js";

export interface TrialRow extends CrMeasures {
  index: number;
  phase: string;
  indexInPhase: number;
  trialType: string;
  probe: boolean;
  isiMs: number;
  itiMs: number;
  /** CS-alone trials whose CS lasts past the window: mean closure 350–600 ms after the US time. */
  lateClosure: number;
}

/**
 * Where a probe CR should have fallen back while the CS goes on (animals' CRs peak at the US
 * time and decline soon after, Millenson, Kehoe & Gormezano 1977): 350–600 ms after the US time.
 */
export const LATE_WINDOW_MS = [350, 600] as const;

/** Mean closure in LATE_WINDOW_MS after the US time on a probe whose CS is still on; else NaN. */
function lateClosure(eyelid: ArrayLike<number>, dtMs: number, type: TrialType): number {
  const { usOnsetMs } = trialTiming(type);
  if (!type.probe || usOnsetMs === undefined) return Number.NaN;
  const [from, to] = LATE_WINDOW_MS.map((ms) => usOnsetMs + ms);
  const csOn = type.cues.some((c) => c.onsetMs <= from && c.onsetMs + c.durationMs >= to);
  const end = Math.round(to / dtMs);
  if (!csOn || end >= eyelid.length) return Number.NaN;
  let sum = 0;
  for (let t = Math.round(from / dtMs); t <= end; t++) sum += eyelid[t];
  return sum / (end - Math.round(from / dtMs) + 1);
}

/** CS onset: the earliest cue; US onset: the earliest US (kept on probe trials), if any. */
export function trialTiming(type: TrialType): { csOnsetMs: number; usOnsetMs?: number } {
  const csOnsetMs = type.cues.length ? Math.min(...type.cues.map((c) => c.onsetMs)) : 0;
  const usOnsetMs = type.us.length ? Math.min(...type.us.map((u) => u.onsetMs)) : undefined;
  return { csOnsetMs, usOnsetMs };
}

export function trialRows(
  records: readonly TrialRecord[],
  dtMs: number,
  criteria: EyeblinkAnalysis,
): TrialRow[] {
  return records.map(({ trial, eyelid }) => {
    const { csOnsetMs, usOnsetMs } = trialTiming(trial.trialType);
    return {
      index: trial.index,
      phase: trial.phase,
      indexInPhase: trial.indexInPhase,
      trialType: trial.trialType.name,
      probe: trial.trialType.probe,
      isiMs: usOnsetMs === undefined ? Number.NaN : usOnsetMs - csOnsetMs,
      itiMs: trial.itiMs,
      ...measureCr(eyelid, dtMs, csOnsetMs, usOnsetMs, trial.trialType.probe, criteria),
      lateClosure: lateClosure(eyelid, dtMs, trial.trialType),
    };
  });
}

export interface PhaseSummary {
  phase: string;
  trials: number;
  crPercent: number;
  crPercentLastBlock: number;
  meanAmplitude: number;
  trialsToCriterion: number | null;
  meanOnsetLatencyMs: number | null;
  /** Mean peak latency on probe (CS-alone) trials with a CR. */
  probePeakLatencyMs: number | null;
  /**
   * Probes with a long CS: mean late closure (LATE_WINDOW_MS after the US time) over mean peak
   * closure. Near 0: the CR fell back after the US time; near 1: it stayed up with the CS.
   */
  probeLateFraction: number | null;
  crPercentByBlock: number[];
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

export function summarisePhases(
  rows: readonly TrialRow[],
  criteria: EyeblinkAnalysis,
): PhaseSummary[] {
  const phases = [...new Set(rows.map((r) => r.phase))];
  return phases.map((phase) => {
    const inPhase = rows.filter((r) => r.phase === phase);
    const hits = inPhase.map((r) => r.cr);
    const window = criteria.criterionWindow;
    const crRows = inPhase.filter((r) => r.cr);
    const probeCrs = inPhase.filter((r) => r.probe && r.peakAmplitude >= criteria.crThreshold);
    const last = hits.slice(-window);
    const longProbes = inPhase.filter((r) => Number.isFinite(r.lateClosure));
    return {
      phase,
      trials: inPhase.length,
      crPercent: (100 * hits.filter(Boolean).length) / Math.max(1, hits.length),
      crPercentLastBlock: (100 * last.filter(Boolean).length) / Math.max(1, last.length),
      meanAmplitude: mean(inPhase.map((r) => r.amplitude).filter(Number.isFinite)),
      trialsToCriterion: orNull(trialsToCriterion(hits, window, criteria.criterionCount)),
      meanOnsetLatencyMs: orNull(mean(crRows.map((r) => r.onsetLatencyMs).filter(Number.isFinite))),
      probePeakLatencyMs: orNull(mean(probeCrs.map((r) => r.peakLatencyMs))),
      probeLateFraction: orNull(
        mean(longProbes.map((r) => r.lateClosure)) / mean(longProbes.map((r) => r.peakAmplitude)),
      ),
      crPercentByBlock: blockRates(hits, window).map((r) => 100 * r),
    };
  });
}

export interface Profile {
  phase: string;
  trialType: string;
  trials: number;
  binMs: number;
  eyelid: Float64Array;
  pause: Float64Array;
}

/** Mean eyelid and Purkinje-pause profiles for each (phase, trial type). */
export function profiles(records: readonly TrialRecord[], dtMs: number, binMs: number): Profile[] {
  const groups = new Map<string, TrialRecord[]>();
  for (const r of records) {
    const key = `${r.trial.phase}\u0000${r.trial.trialType.name}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const binSteps = Math.max(1, Math.round(binMs / dtMs));
  return [...groups.entries()].map(([key, list]) => {
    const [phase, trialType] = key.split("\u0000");
    return {
      phase,
      trialType,
      trials: list.length,
      binMs: binSteps * dtMs,
      eyelid: meanProfile(
        list.map((r) => r.eyelid),
        binSteps,
      ),
      pause: meanProfile(
        list.map((r) => r.pause),
        binSteps,
      ),
    };
  });
}
