/**
 * How a trial-level model (Rescorla–Wagner, Pearce–Hall) runs a fear design, the same for all of
 * them: the amygdala's schedule (same seed, same trial order), one update per scheduled trial
 * (its cues + the phase's place), then one context-alone, non-reinforced update for its ITI.
 * λ = Σ shock magnitude × duration (s), so a 1-s shock of magnitude 1 is λ = 1. The "freezing"
 * reported is 100 · clamp(ΣV, 0, 1): these models have no response rule of their own, and any
 * monotone one leaves their ordinal predictions unchanged.
 */
import { Rng } from "../../model/rng.js";
import { scheduleTrials } from "../../protocol/schedule.js";
import { contextChannelName } from "../../world/trialStimulus.js";
import type { FearDesign, FearRow } from "./experiments.js";
import { DEFAULT_CONTEXT } from "./simulate.js";

export interface TrialLevelModel {
  /** Σ V of the stimuli named. */
  value(stimuli: readonly string[]): number;
  /** One trial: stimuli with their weight (RW's α, PH's S), US strength λ; returns ΣV before learning. */
  update(stimuli: readonly { name: string; weight: number }[], lambda: number): number;
}

export interface TrialLevelWeights {
  /** Weight of a cue of magnitude 1 (scales with magnitude, capped at 1). */
  cue: number;
  /** Weight of a place context. */
  context: number;
  /** Each ITI is a context-alone, non-reinforced trial. */
  itiAsTrial: boolean;
}

const percent = (v: number) => 100 * Math.min(1, Math.max(0, v));

export function runTrialLevel(
  design: FearDesign,
  seed: number,
  model: TrialLevelModel,
  weights: TrialLevelWeights,
): FearRow[] {
  const schedule = scheduleTrials(design.experiment, Rng.derive(seed, "schedule"));
  return schedule.map((trial) => {
    const t = trial.trialType;
    const context = contextChannelName(trial.context ?? DEFAULT_CONTEXT);
    const place = { name: context, weight: weights.context };
    const cues = new Map<string, number>();
    for (const c of t.cues) cues.set(c.channel, Math.max(cues.get(c.channel) ?? 0, c.magnitude));
    const stimuli = [
      ...[...cues].map(([name, m]) => ({ name, weight: Math.min(1, weights.cue * m) })),
      place,
    ];
    const lambda = t.probe ? 0 : t.us.reduce((s, u) => s + (u.magnitude * u.durationMs) / 1000, 0);
    const pre = model.value([context]);
    const total = model.update(stimuli, lambda);
    if (weights.itiAsTrial) model.update([place], 0);
    return {
      index: trial.index,
      phase: trial.phase,
      indexInPhase: trial.indexInPhase,
      trialType: t.name,
      context: trial.context ?? DEFAULT_CONTEXT,
      cues: [...cues.keys()],
      reinforced: lambda > 0,
      csFreezing: cues.size ? percent(total) : Number.NaN,
      preFreezing: percent(pre),
      strength: cues.size ? total : Number.NaN,
    };
  });
}
