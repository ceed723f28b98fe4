/**
 * The Pearce–Hall reference run, laid out exactly like rescorlaWagnerRun.ts: the same schedule
 * (same seed, same trial order), one trial per scheduled trial (cues + the phase's place), then
 * one context-alone trial for its ITI; λ = Σ shock magnitude × duration (s); "freezing" is
 * 100 · clamp(ΣV, 0, 1).
 */
import {
  PearceHall,
  type PearceHallParams,
  pearceHallParamsSchema,
} from "../../brain/pearceHall.js";
import { Rng } from "../../model/rng.js";
import { scheduleTrials } from "../../protocol/schedule.js";
import { contextChannelName } from "../../world/trialStimulus.js";
import { FEAR_SEED, type FearDesign, type FearRow } from "./experiments.js";
import { DEFAULT_CONTEXT } from "./simulate.js";

const percent = (v: number) => 100 * Math.min(1, Math.max(0, v));

export function simulatePearceHall(
  design: FearDesign,
  seed = FEAR_SEED,
  params: PearceHallParams = pearceHallParamsSchema.parse({}),
): FearRow[] {
  const ph = new PearceHall(params);
  const schedule = scheduleTrials(design.experiment, Rng.derive(seed, "schedule"));
  return schedule.map((trial) => {
    const t = trial.trialType;
    const context = contextChannelName(trial.context ?? DEFAULT_CONTEXT);
    const place = { name: context, salience: params.salienceContext };
    const cues = new Map<string, number>();
    for (const c of t.cues) cues.set(c.channel, Math.max(cues.get(c.channel) ?? 0, c.magnitude));
    const stimuli = [
      ...[...cues].map(([name, m]) => ({ name, salience: Math.min(1, params.salienceCue * m) })),
      place,
    ];
    const lambda = t.probe ? 0 : t.us.reduce((s, u) => s + (u.magnitude * u.durationMs) / 1000, 0);
    const pre = ph.value([context]);
    const total = ph.trial(stimuli, lambda);
    if (params.itiAsTrial) ph.trial([place], 0);
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
