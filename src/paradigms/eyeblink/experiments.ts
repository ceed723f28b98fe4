/**
 * Eyeblink experiments built in code for the scorecard: delay, trace and unpaired trials with
 * the layout of design strings (CS at `pre`, US at pre + ISI), and a runner that returns
 * per-trial measures with the paradigm's default model, body and analysis.
 */
import type { Experiment, Phase, TrialType } from "../../protocol/types.js";
import { type TrialRow, trialRows } from "./analyse.js";
import { DEFAULT_ITI, eyeblink } from "./index.js";
import { type ConditioningHooks, ConditioningRun, type TrialRecord } from "./simulate.js";

export interface TrialSpec {
  isiMs: number;
  /** Cue channel(s); several letters make a compound. */
  cues?: string[];
  /** CS duration; default co-terminates with the US (delay conditioning). */
  csMs?: number;
  /** US duration (default 100 ms, a typical rabbit periocular puff; X7's caption). */
  usMs?: number;
  /** CS alone, US time kept for analysis. */
  probe?: boolean;
  /** No CS at all (a US-alone trial of an unpaired control). */
  usOnly?: boolean;
  /** No US times at all (a CS-alone trial of an unpaired control). */
  csOnly?: boolean;
  preMs?: number;
  postMs?: number;
  name?: string;
}

export function trialType(spec: TrialSpec): TrialType {
  const usMs = spec.usMs ?? 100;
  const pre = spec.preMs ?? Math.max(250, -spec.isiMs + 50);
  const cs = spec.csMs ?? Math.max(spec.isiMs, 0) + usMs;
  const post = spec.postMs ?? 500;
  const durationMs = pre + Math.max(cs, Math.max(spec.isiMs, 0) + usMs) + post;
  const cues = spec.usOnly
    ? []
    : (spec.cues ?? ["T"]).map((channel) => ({
        channel,
        onsetMs: pre,
        durationMs: cs,
        magnitude: 1,
      }));
  const us = spec.csOnly
    ? []
    : [{ channel: "us", onsetMs: pre + spec.isiMs, durationMs: usMs, magnitude: 1 }];
  const name =
    spec.name ??
    `${(spec.cues ?? ["T"]).join("")}${spec.probe ? "-" : "+"}(isi=${spec.isiMs},cs=${cs})`;
  return { name, proportion: 1, durationMs, cues, us, probe: spec.probe ?? false };
}

export function phase(
  name: string,
  trials: number,
  types: TrialType[],
  proportions?: number[],
): Phase {
  return {
    name,
    trials,
    trialTypes: types.map((t, i) => ({ ...t, proportion: proportions?.[i] ?? t.proportion })),
    iti: { ...DEFAULT_ITI },
    order: "random",
  };
}

export interface EyeblinkResult {
  rows: TrialRow[];
  records: TrialRecord[];
  run: ConditioningRun;
}

/** Run an experiment with the paradigm's defaults (plus model overrides) and measure it. */
export function simulateEyeblink(
  experiment: Experiment,
  seed: number,
  model: Record<string, unknown> = {},
  hooks: ConditioningHooks = {},
  forebrain: Record<string, unknown> = {},
): EyeblinkResult {
  const config = { ...eyeblink.resolve({ seed, model, forebrain }), experiment };
  const run = new ConditioningRun(config);
  const records = run.run(hooks);
  return { rows: trialRows(records, config.model.dtMs, config.analysis), records, run };
}

/** The paradigm's default analysis criteria (CR threshold, windows). */
export const defaultAnalysis = () => eyeblink.resolve({}).analysis;
