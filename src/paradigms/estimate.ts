/**
 * A rough, up-front estimate of what a resolved run config will cost, so `shoulda run` can
 * refuse a run that would exhaust memory or simulate for days before it starts.
 *
 * Memory: for every cerebellar module in the config (any object that is a full set of
 * cerebellum params: `model`, `filterModel`, `cerebellum`, …), the typed arrays it allocates —
 * PF→PC weights N·P·4 bytes (the dominant term), granule drive and wiring, the activity
 * history the learning window keeps (window steps × active cells × 4), basis stages and
 * nucleus weights — plus the recorded output traces, taken as one float64 per output per
 * simulated step. Other structures (the amygdala, plots) are small and not counted.
 *
 * Simulated time: experiment phases (trials × (mean trial window + mean ITI)), vor conditions
 * (minutes ÷ timeScale), late-error's and reach's trials, the mouse's life, thought-assessor's
 * trials, and the filter paradigms' protocol durations. The
 * fear, shortcut and shoulda-vs-reward paradigms run fixed protocols bounded by their schemas
 * and are counted as 0 here.
 */
import { learningWindow } from "../circuit/eligibility.js";
import { adaptiveWindowLength } from "../circuit/windowAdaptation.js";
import { type CerebellumParams, cerebellumParamsSchema } from "../model/cerebellum.js";
import { isPlainObject } from "../model/merge.js";
import { formatPath } from "../model/validate.js";
import { CONDITIONS, VISIBILITY_CONDITIONS } from "./lateError/simulate.js";
import type { RunConfig } from "./types.js";

export interface ModuleEstimate {
  /** Where the module's params sit in the config, e.g. "model". */
  path: string;
  granule: number;
  purkinje: number;
  /** PF→PC weights alone (granule × Purkinje × 4). */
  weightBytes: number;
  /** Recorded output traces. */
  traceBytes: number;
  /** Everything the module is estimated to hold, weights and traces included. */
  bytes: number;
}

export interface RunEstimate {
  /** Estimated peak memory of the simulation's arrays, in bytes. */
  bytes: number;
  /** Estimated simulated time, in ms. */
  simulatedMs: number;
  modules: ModuleEstimate[];
}

/** Bytes of typed arrays one cerebellar module allocates (see the module comment). */
export function cerebellumBytes(p: CerebellumParams): number {
  const n = p.granule.count;
  const pc = p.purkinje.count;
  const m = p.mossy.count;
  const b = p.basis.bumps;
  const active =
    p.granule.golgi === "quantile" ? Math.max(1, Math.round(p.granule.codingLevel * n)) : n;
  // Sizing the window samples κ once per step: for absurd configs, take 4 × the peak instead.
  const pf = p.plasticity.pfPurkinje;
  const adaptive = pf.windowAdaptation.enabled;
  const peakSteps =
    Math.max(pf.windowPeakMs, adaptive ? pf.windowAdaptation.maxDelayMs : 0) / p.dtMs;
  const windowSteps =
    peakSteps > 1e6
      ? Math.ceil(4 * peakSteps)
      : adaptive
        ? adaptiveWindowLength(p)
        : learningWindow(p).length;
  const weights = n * pc * 4;
  const graded = p.granule.output === "graded";
  const golgiFanIn = p.granule.golgi === "recurrent" ? p.granule.golgiFanIn : 0;
  const granule = n * 4 * (2 + p.granule.fanIn + 2 * golgiFanIn) + active * (graded ? 8 : 4);
  const history = windowSteps * active * (graded ? 8 : 4);
  const basis = m * (1 + b) * 4 + m * b * p.basis.order * 4 + m * b * 13;
  const nucleus = m * pc * 4 + m * 8;
  return weights + granule + history + basis + nucleus;
}

/** Every full set of cerebellum params in the config, with its path. */
function findModules(config: unknown): { path: string; params: CerebellumParams }[] {
  const found: { path: string; params: CerebellumParams }[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, [...path, i]);
      });
      return;
    }
    if (!isPlainObject(node)) return;
    const looksLike =
      typeof node.dtMs === "number" &&
      isPlainObject(node.granule) &&
      isPlainObject(node.purkinje) &&
      isPlainObject(node.mossy);
    if (looksLike) {
      const parsed = cerebellumParamsSchema.safeParse(node);
      if (parsed.success) {
        found.push({ path: formatPath("", path), params: parsed.data });
        return;
      }
    }
    for (const [k, v] of Object.entries(node)) visit(v, [...path, k]);
  };
  visit(config, []);
  return found;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** Simulated ms of a resolved experiment: Σ trials × (mean trial window + mean ITI). */
function experimentMs(experiment: unknown): number {
  if (!isPlainObject(experiment) || !Array.isArray(experiment.phases)) return 0;
  let total = 0;
  for (const phase of experiment.phases) {
    if (!isPlainObject(phase) || !Array.isArray(phase.trialTypes)) continue;
    let weight = 0;
    let window = 0;
    for (const t of phase.trialTypes) {
      if (!isPlainObject(t)) continue;
      const w = num(t.proportion) || 1;
      weight += w;
      window += w * num(t.durationMs);
    }
    const iti = isPlainObject(phase.iti) ? num(phase.iti.meanMs) : 0;
    total += num(phase.trials) * ((weight > 0 ? window / weight : 0) + iti);
  }
  return total;
}

function protocolMs(config: RunConfig): number {
  const protocol = config.protocol;
  if (!isPlainObject(protocol)) return 0;
  let seconds = 0;
  for (const [key, value] of Object.entries(protocol)) {
    if (!/^[a-z][A-Za-z]*S$/.test(key) || key === "blockS") continue;
    seconds += key === "pairingBlockS" ? num(value) * num(protocol.pairingBlocks) : num(value);
  }
  return seconds * 1000 * (num(protocol.timeScale) || 1);
}

function vorMs(config: RunConfig): number {
  if (!Array.isArray(config.conditions)) return 0;
  const scale = num(config.timeScale) || 1;
  let minutes = 0;
  for (const c of config.conditions) {
    if (!isPlainObject(c) || !Array.isArray(c.phases)) continue;
    for (const ph of c.phases) if (isPlainObject(ph)) minutes += num(ph.minutes);
  }
  return (minutes * 60_000) / scale;
}

/** late-error: every (condition, x, animal) point runs trainingTrials + 2 probe trials (lateError/simulate.ts). */
function lateErrorMs(config: RunConfig): number {
  const trials = isPlainObject(config.trials) ? config.trials : {};
  const gaps = Array.isArray(config.gapsMs) ? config.gapsMs.map(num) : [];
  const visibilities = Array.isArray(config.visibleMsList) ? config.visibleMsList.map(num) : [];
  const base = num(config.durationMs) + num(trials.itiMs);
  const perTrial = (gap: number, visible: number) => base + gap + visible;
  const runs =
    gaps.reduce(
      (s, g) => s + Object.keys(CONDITIONS).length * perTrial(g, num(trials.visibleMs)),
      0,
    ) +
    visibilities.reduce(
      (s, v) => s + VISIBILITY_CONDITIONS.length * perTrial(num(config.visibilityGapMs), v),
      0,
    );
  return runs * num(config.animals) * (num(config.trainingTrials) + 2);
}

/** reach: per subject, both protocols (reach/protocol.ts), counter-adaptation at its maximum. */
function reachMs(config: RunConfig): number {
  const trials = isPlainObject(config.trials) ? config.trials : {};
  const perTrial =
    num(config.durationMs) + num(trials.gapMs) + num(trials.visibleMs) + num(trials.itiMs);
  const count =
    2 * (num(config.adaptTrials) + num(config.counterMaxTrials)) +
    num(config.clampTrials) +
    num(config.relearnTrials);
  return perTrial * count * num(config.animals);
}

/**
 * thought-assessor: 5 trial types × trialsPerType trials of (events + mean ITI), lived three
 * times (context, frozen, raw; thoughtAssessor/simulate.ts).
 */
function thoughtAssessorMs(config: RunConfig): number {
  const p = isPlainObject(config.protocol) ? config.protocol : {};
  const events =
    Math.max(2 * num(p.cueMs) + num(p.gapMs), num(p.traceCueMs) + num(p.traceMs)) + num(p.shockMs);
  const iti = 500 * (num(p.itiMinS) + num(p.itiMaxS));
  return 3 * 5 * num(p.trialsPerType) * (events + iti);
}

/** Estimates a resolved run config's memory and simulated time (see the module comment). */
export function estimateRun(config: RunConfig): RunEstimate {
  const simulatedMs =
    experimentMs(config.experiment) +
    (config.paradigm === "thought-assessor" ? thoughtAssessorMs(config) : protocolMs(config)) +
    (config.paradigm === "vor" ? vorMs(config) : 0) +
    (config.paradigm === "late-error" ? lateErrorMs(config) : 0) +
    (config.paradigm === "reach" ? reachMs(config) : 0) +
    // The mouse lives its life once, or four times with analysis.ablation (one per module cut).
    num(config.durationMin) *
      60_000 *
      (isPlainObject(config.analysis) && config.analysis.ablation === true ? 4 : 1);
  const modules = findModules(config).map(({ path, params }) => {
    const traces = (simulatedMs / params.dtMs) * params.purkinje.count * 8;
    return {
      path,
      granule: params.granule.count,
      purkinje: params.purkinje.count,
      weightBytes: params.granule.count * params.purkinje.count * 4,
      traceBytes: traces,
      bytes: cerebellumBytes(params) + traces,
    };
  });
  return { bytes: modules.reduce((s, m) => s + m.bytes, 0), simulatedMs, modules };
}
