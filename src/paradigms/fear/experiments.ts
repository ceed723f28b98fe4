/**
 * Building blocks of fear-conditioning experiments (used by the scorecard, the tests and the
 * default run): trial types in seconds, phases with a context and a home-cage gap, and the
 * per-trial rows that both the amygdala and the Rescorla–Wagner reference produce.
 */
import type { Experiment, Phase, TrialType } from "../../protocol/types.js";

/** First seed of the fear targets' groups (one parameter set, no per-target tuning). */
export const FEAR_SEED = 1;

/**
 * Standard trial (Maren-lab style, e.g. Maren 2014 [M]): a 10-s tone ending with a 1-s footshock
 * (US onset 9 s after CS onset), 30 s before and after the CS in the trial window, then a
 * 60 ± 20 s inter-trial interval.
 */
export const FEAR_TIMING = {
  csS: 10,
  isiS: 9,
  usS: 1,
  preS: 30,
  postS: 30,
  itiS: 60,
  jitterS: 20,
} as const;

export interface FearTrialSpec {
  /** Cue channels: a string of letters ("AB") or a list of names. */
  cues: string | string[];
  /** Shock magnitude (0 or absent: a CS-alone trial; the US still marks the CS window's end). */
  us?: number;
  /** Shocks in the trial (a second shock 1 s after the first: a stronger US for unblocking). */
  shocks?: number;
  /** Cue magnitude (salience), per cue or one for all. */
  magnitude?: number | Record<string, number>;
  csS?: number;
  isiS?: number;
  usS?: number;
  preS?: number;
  postS?: number;
  name?: string;
  proportion?: number;
}

const ms = (s: number) => Math.round(s * 1000);

/** A trial type: cues from pre to pre + cs, the shock at pre + isi (none on a CS-alone trial). */
export function fearTrial(spec: FearTrialSpec): TrialType {
  const { csS, isiS, usS, preS, postS } = { ...FEAR_TIMING, ...spec };
  const cues = typeof spec.cues === "string" ? [...spec.cues] : spec.cues;
  const magnitude = (c: string) =>
    typeof spec.magnitude === "number" ? spec.magnitude : (spec.magnitude?.[c] ?? 1);
  const shocks = spec.shocks ?? 1;
  const reinforced = (spec.us ?? 0) > 0;
  const us = Array.from({ length: shocks }, (_, k) => ({
    channel: "us",
    onsetMs: ms(preS + isiS + k * (usS + 1)),
    durationMs: ms(usS),
    magnitude: reinforced ? spec.us! : 1,
  }));
  const end = Math.max(csS, isiS + shocks * (usS + 1) - 1);
  return {
    name: spec.name ?? `${cues.join("")}${reinforced ? "+" : "-"}${shocks > 1 ? `x${shocks}` : ""}`,
    proportion: spec.proportion ?? 1,
    durationMs: ms(preS + end + postS),
    cues: cues.map((channel) => ({
      channel,
      onsetMs: ms(preS),
      durationMs: ms(csS),
      magnitude: magnitude(channel),
    })),
    us,
    probe: !reinforced,
  };
}

/** An unsignalled shock: no cue, the shock `preS` into the window. */
export function usAlone(
  spec: {
    us?: number;
    usS?: number;
    preS?: number;
    postS?: number;
    name?: string;
    proportion?: number;
  } = {},
): TrialType {
  const { usS, preS, postS } = { ...FEAR_TIMING, ...spec };
  return {
    name: spec.name ?? "US",
    proportion: spec.proportion ?? 1,
    durationMs: ms(preS + usS + postS),
    cues: [],
    us: [{ channel: "us", onsetMs: ms(preS), durationMs: ms(usS), magnitude: spec.us ?? 1 }],
    probe: false,
  };
}

export interface FearPhaseSpec {
  name: string;
  trials: number;
  types: TrialType[];
  /** The box: a place context (default "A"). */
  context?: string;
  /** Hours in the home cage before this phase (default 0 for the first phase, 24 after). */
  gapHours?: number;
  itiS?: number;
  jitterS?: number;
  order?: "random" | "alternate";
}

/** An experiment and its home-cage gaps. */
export interface FearDesign {
  experiment: Experiment;
  gapsHours: number[];
}

export function fearDesign(phases: FearPhaseSpec[], name?: string): FearDesign {
  const experiment: Experiment = {
    ...(name ? { name } : {}),
    phases: phases.map(
      (p): Phase => ({
        name: p.name,
        trials: p.trials,
        trialTypes: p.types,
        iti: {
          meanMs: ms(p.itiS ?? FEAR_TIMING.itiS),
          jitterMs: ms(p.jitterS ?? FEAR_TIMING.jitterS),
        },
        order: p.order ?? "random",
        context: p.context ?? "A",
      }),
    ),
  };
  return { experiment, gapsHours: phases.map((p, i) => p.gapHours ?? (i === 0 ? 0 : 24)) };
}

/** One trial's result, as both the amygdala and the Rescorla–Wagner reference report it. */
export interface FearRow {
  index: number;
  phase: string;
  indexInPhase: number;
  trialType: string;
  context: string;
  cues: string[];
  reinforced: boolean;
  /** Freezing (%) in the CS window (RW: 100 · clamp(ΣV, 0, 1)). */
  csFreezing: number;
  /** Freezing (%) before the CS (RW: from the context alone). */
  preFreezing: number;
  /** The model's net associative strength in the CS window (amygdala z; RW ΣV). */
  strength: number;
}

/** A model that runs a fear design: the amygdala simulation or the RW reference. */
export type FearModel = (design: FearDesign) => FearRow[];

/**
 * Group means: rows of several animals (same design, different seeds, so different trial
 * orders) averaged trial by trial, matching the k-th trial of each type within each phase.
 * The result follows the first animal's order.
 */
export function averageRows(animals: readonly FearRow[][]): FearRow[] {
  if (animals.length === 1) return animals[0];
  const keyed = (rows: readonly FearRow[]) => {
    const seen = new Map<string, number>();
    return rows.map((r) => {
      const base = `${r.phase}\u0000${r.trialType}`;
      const k = seen.get(base) ?? 0;
      seen.set(base, k + 1);
      return `${base}\u0000${k}`;
    });
  };
  const tables = animals.map((rows) => {
    const keys = keyed(rows);
    return new Map(rows.map((r, i) => [keys[i], r]));
  });
  const firstKeys = keyed(animals[0]);
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  return animals[0].map((row, i) => {
    const same = tables
      .map((t) => t.get(firstKeys[i]))
      .filter((r): r is FearRow => r !== undefined);
    return {
      ...row,
      csFreezing: mean(same.map((r) => r.csFreezing)),
      preFreezing: mean(same.map((r) => r.preFreezing)),
      strength: mean(same.map((r) => r.strength)),
    };
  });
}
