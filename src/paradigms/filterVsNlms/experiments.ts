/**
 * The granule filter against the linear NLMS canceller (issue #13 item 6), on licking mice whose
 * lick sound follows a nonlinear, context-dependent law (world/soundLaw.ts).
 *
 * For each law and each animal (seed s, s + 1, …): one training scene (licking + external
 * sounds), then one test scene (the same kinds of sound, learning on), both run through the
 * granule filter (the configured model: by default graded granule output over threshold-encoded
 * mossy fibres) and through NLMS on the same context, input noise and seeds. Per path:
 *   cancellationDb  10·log10(Σ self² / Σ (self − ŷ)²) over lick windows free of external sound
 *   passThroughDb   20·log10 of the external sounds' template gain (0 dB: they pass unchanged)
 *   externalPowerDb 10·log10(Σ u² / Σ d²) over external windows outside licking: power after the
 *                   filter against before (0 dB: unchanged)
 * and per law the paired difference filter − NLMS with a 95 % t interval over animals.
 */
import { cancellationDb } from "../../analysis/cancellation.js";
import { passThroughDb } from "../../analysis/templateGain.js";
import { NlmsCanceller } from "../../brain/nlms.js";
import { Rng } from "../../model/rng.js";
import { meanWithCi } from "../../validation/statistics.js";
import { lickingMouseScene } from "../../world/lickingMouse.js";
import { runScene, type Scene, type SceneRecord } from "../../world/scene.js";
import type { SoundLawSpec } from "../../world/soundLaw.js";
import { eventMask, makeFilter, maskMinus, round } from "../filter/common.js";
import type { FilterVsNlmsConfig } from "./config.js";

export interface PathScore {
  cancellationDb: number;
  passThroughDb: number;
  externalPowerDb: number;
}

export interface AnimalScore {
  seed: number;
  filter: PathScore;
  nlms: PathScore;
}

export interface LawResult {
  law: SoundLawSpec;
  animals: AnimalScore[];
  /** Filter − NLMS cancellation (dB): mean and 95 % CI over animals. */
  marginDb: { mean: number; low: number; high: number; n: number };
  filterDb: { mean: number; low: number; high: number; n: number };
  nlmsDb: { mean: number; low: number; high: number; n: number };
  filterPassThroughDb: { mean: number; low: number; high: number; n: number };
  nlmsPassThroughDb: { mean: number; low: number; high: number; n: number };
  /** Cancellation (dB) per tenth of training, seed-mean, for the learning-curve plot. */
  curve: { filter: number[]; nlms: number[] };
}

function externalPowerDb(s: Scene, rec: SceneRecord): number {
  const outside = eventMask(
    s,
    s.events.filter((e) => e.kind === "external" && e.duringLicking === 0),
  );
  let before = 0;
  let after = 0;
  for (let i = 0; i < outside.length; i++) {
    if (!outside[i]) continue;
    before += rec.input[i] ** 2;
    after += rec.unexpected[i] ** 2;
  }
  return before > 0 ? 10 * Math.log10(after / before) : Number.NaN;
}

function lickMask(s: Scene): Uint8Array {
  const licks = eventMask(
    s,
    s.events.filter((e) => e.kind === "lick"),
  );
  const ext = eventMask(
    s,
    s.events.filter((e) => e.kind === "external"),
  );
  return maskMinus(licks, ext);
}

function score(s: Scene, rec: SceneRecord): PathScore {
  const ext = eventMask(
    s,
    s.events.filter((e) => e.kind === "external"),
  );
  return {
    cancellationDb: round(cancellationDb(s.components.self, rec.prediction, lickMask(s)), 2),
    passThroughDb: round(passThroughDb(rec.unexpected, s.components.external, ext), 2),
    externalPowerDb: round(externalPowerDb(s, rec), 2),
  };
}

function blockCurve(s: Scene, rec: SceneRecord, blocks: number): number[] {
  const n = s.sensoryNames.length;
  const mask = lickMask(s);
  return Array.from({ length: blocks }, (_, b) => {
    const from = Math.floor((b * s.steps) / blocks) * n;
    const to = Math.floor(((b + 1) * s.steps) / blocks) * n;
    return cancellationDb(
      s.components.self.subarray(from, to),
      rec.prediction.subarray(from, to),
      mask.subarray(from, to),
    );
  });
}

/** One animal under one law: both paths on the same scenes. */
export function scoreAnimal(
  config: FilterVsNlmsConfig,
  law: SoundLawSpec,
  seed: number,
): AnimalScore & { curve: { filter: number[]; nlms: number[] } } {
  const p = config.protocol;
  const dt = config.model.dtMs;
  const world = { ...config.world, soundLaw: law };
  const scene = (name: string, seconds: number) =>
    lickingMouseScene(world, dt, seconds * 1000, Rng.derive(seed, `world:${name}`));
  const train = scene("train", p.trainS);
  const test = scene("test", p.testS);
  const body = { noiseSd: config.body.noiseSd, restingInput: config.body.restingInput };
  const filter = makeFilter(train, config.model, config.filter, seed, config.backend);
  const nlms = new NlmsCanceller(
    train.sensoryNames.length,
    train.contextNames.length,
    config.nlms,
    dt,
    config.filter.restingInput,
  );
  const noise = (name: string) => Rng.derive(seed, `noise:${name}`);
  const filterTrain = runScene(filter, train, noise("train"), body);
  const nlmsTrain = runScene(nlms, train, noise("train"), body);
  const filterTest = runScene(filter, test, noise("test"), body);
  const nlmsTest = runScene(nlms, test, noise("test"), body);
  return {
    seed,
    filter: score(test, filterTest),
    nlms: score(test, nlmsTest),
    curve: { filter: blockCurve(train, filterTrain, 10), nlms: blockCurve(train, nlmsTrain, 10) },
  };
}

const ci = (v: number[]) => {
  const c = meanWithCi(v);
  return { mean: round(c.mean, 2), low: round(c.ci[0], 2), high: round(c.ci[1], 2), n: v.length };
};

/** One animal's scores with its training curves (what a checkpoint of the run holds). */
export type ScoredAnimal = ReturnType<typeof scoreAnimal>;

/** One law's result from its animals' scores (in seed order). */
export function lawResult(law: SoundLawSpec, scores: ScoredAnimal[]): LawResult {
  const meanCurve = (key: "filter" | "nlms") =>
    scores[0].curve[key].map((_, b) =>
      round(scores.reduce((a, s) => a + s.curve[key][b], 0) / scores.length, 2),
    );
  return {
    law,
    animals: scores.map(({ seed, filter, nlms }) => ({ seed, filter, nlms })),
    marginDb: ci(scores.map((s) => s.filter.cancellationDb - s.nlms.cancellationDb)),
    filterDb: ci(scores.map((s) => s.filter.cancellationDb)),
    nlmsDb: ci(scores.map((s) => s.nlms.cancellationDb)),
    filterPassThroughDb: ci(scores.map((s) => s.filter.passThroughDb)),
    nlmsPassThroughDb: ci(scores.map((s) => s.nlms.passThroughDb)),
    curve: { filter: meanCurve("filter"), nlms: meanCurve("nlms") },
  };
}

/** Every law × every animal; `progress` after each animal. */
export function filterVsNlms(
  config: FilterVsNlmsConfig,
  progress?: (done: number, total: number) => void,
): LawResult[] {
  const { laws, animals } = config.protocol;
  const total = laws.length * animals;
  let done = 0;
  return laws.map((law) => {
    const scores = Array.from({ length: animals }, (_, a) => {
      const s = scoreAnimal(config, law, config.seed + a);
      progress?.(++done, total);
      return s;
    });
    return lawResult(law, scores);
  });
}
