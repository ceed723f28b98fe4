/**
 * Learning metrics over the life, kept as sums per window so that any stretch of windows (the
 * first quarter of life, the last) aggregates exactly: add the sums, then compute.
 *
 *   DCN        cancellation of each self-generated sound s (licks, chews) = 10·log10(Σ s² /
 *              Σ (s − ŷ)²) over ticks with that sound alone: no other self-generated sound, no
 *              external sound or tone (as analysis/cancellation.ts and the dcn paradigm's masks);
 *              pass-through = Σ u·x / Σ x² of the external sounds and tones x (template gain)
 *   cortex     prediction error = mean over ticks of Σ_j (u_j(t) − p_j(t − dt))² / N, and its
 *              ratio to the residual power Σ_j u_j² / N (1 = no better than predicting 0)
 *   eyeblink   CR rate = tones with conditioned eyelid ≥ crThreshold at puff time / tones;
 *              timing = CR peak latency − ISI (every tone: the model's CR trace excludes the UR)
 *   fear       freezing and fear output z during the light before its shock time ("cue"), in
 *              the corner with no light ("corner"), elsewhere with no light ("elsewhere"); the
 *              5 s after a shock are left out (the withdrawal UR excludes freezing)
 */
import { cancellationDbFromSums } from "../../analysis/cancellation.js";
import { round } from "../filter/common.js";

export const FEAR_CONDITIONS = ["cue", "corner", "elsewhere"] as const;
export type FearCondition = (typeof FEAR_CONDITIONS)[number];

export class WindowSums {
  ticks = 0;
  /** Σ s² and Σ (s − ŷ)² over ticks with lick sound alone, and with chewing sound alone. */
  lickPower = 0;
  lickLeft = 0;
  chewPower = 0;
  chewLeft = 0;
  extCross = 0;
  extPower = 0;
  residualPower = 0;
  cortexError = 0;
  licks = 0;
  chews = 0;
  tones = 0;
  crs = 0;
  crAmplitude = 0;
  /** Over tones with a CR. */
  crPeakLatency = 0;
  puffs = 0;
  lights = 0;
  cueShocks = 0;
  cornerShocks = 0;
  freezing: Record<FearCondition, number> = { cue: 0, corner: 0, elsewhere: 0 };
  fear: Record<FearCondition, number> = { cue: 0, corner: 0, elsewhere: 0 };
  steps: Record<FearCondition, number> = { cue: 0, corner: 0, elsewhere: 0 };

  add(o: WindowSums): this {
    for (const key of Object.keys(this) as (keyof WindowSums)[]) {
      const v = this[key];
      if (typeof v === "number") (this as Record<string, unknown>)[key] = v + (o[key] as number);
    }
    for (const c of FEAR_CONDITIONS) {
      this.freezing[c] += o.freezing[c];
      this.fear[c] += o.fear[c];
      this.steps[c] += o.steps[c];
    }
    return this;
  }
}

export interface WindowRow {
  startMin: number;
  endMin: number;
  licks: number;
  chews: number;
  lickCancellationDb: number;
  chewCancellationDb: number;
  externalGain: number;
  residualPower: number;
  cortexError: number;
  cortexErrorRatio: number;
  tones: number;
  crRate: number;
  crAmplitude: number;
  crPeakLatencyMs: number;
  crTimingErrorMs: number;
  puffs: number;
  lights: number;
  cueShocks: number;
  cornerShocks: number;
  freezingCue: number;
  freezingCorner: number;
  freezingElsewhere: number;
  fearCue: number;
  fearCorner: number;
  fearElsewhere: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
const decibels = (power: number, left: number) => round(cancellationDbFromSums(power, left), 2);

/** The metrics of a stretch of life from its sums. */
export function windowRow(
  s: WindowSums,
  startMin: number,
  endMin: number,
  isiMs: number,
): WindowRow {
  const peak = ratio(s.crPeakLatency, s.crs);
  return {
    startMin: round(startMin, 3),
    endMin: round(endMin, 3),
    licks: s.licks,
    chews: s.chews,
    lickCancellationDb: decibels(s.lickPower, s.lickLeft),
    chewCancellationDb: decibels(s.chewPower, s.chewLeft),
    externalGain: round(ratio(s.extCross, s.extPower)),
    residualPower: round(ratio(s.residualPower, s.ticks), 6),
    cortexError: round(ratio(s.cortexError, s.ticks), 6),
    cortexErrorRatio: round(ratio(s.cortexError, s.residualPower)),
    tones: s.tones,
    crRate: round(ratio(s.crs, s.tones)),
    crAmplitude: round(ratio(s.crAmplitude, s.tones)),
    crPeakLatencyMs: round(peak, 1),
    crTimingErrorMs: round(peak - isiMs, 1),
    puffs: s.puffs,
    lights: s.lights,
    cueShocks: s.cueShocks,
    cornerShocks: s.cornerShocks,
    freezingCue: round(100 * ratio(s.freezing.cue, s.steps.cue), 1),
    freezingCorner: round(100 * ratio(s.freezing.corner, s.steps.corner), 1),
    freezingElsewhere: round(100 * ratio(s.freezing.elsewhere, s.steps.elsewhere), 1),
    fearCue: round(ratio(s.fear.cue, s.steps.cue), 4),
    fearCorner: round(ratio(s.fear.corner, s.steps.corner), 4),
    fearElsewhere: round(ratio(s.fear.elsewhere, s.steps.elsewhere), 4),
  };
}
