/**
 * DCN experiments (Singla et al. 2017; literature.md §4.1), shared by `shoulda run dcn` and the
 * DCN1–DCN4 targets. Learning is never switched off except where an experiment says "frozen".
 *
 *   main        train (licking + external sounds), then test (licking, external sounds at random
 *               times, lick sounds played back between bouts), then deafened licking. The same
 *               scenes run through the granule filter (DCN), the same circuit without plasticity
 *               (VCN-like) and the NLMS canceller.
 *   pairing     after pretraining on licking, a tone at lag L after every lick (paired) or at
 *               random times during bouts (unpaired), in blocks; the tone's response per block.
 *   specificity pretrain, pair at L, then a frozen probe with the tone at L and at L + Δ.
 *
 * Responses are template gains (analysis/templateGain.ts): Σ u·x / Σ x² over a source's own
 * windows, i.e. how much of that sound the output carries (1 = all, 0 = none).
 */

import { cancellationDb } from "../../analysis/cancellation.js";
import { eventAverage } from "../../analysis/eventAverage.js";
import { pearson } from "../../analysis/pearson.js";
import { spearman } from "../../analysis/stats.js";
import { passThroughDb, templateGain } from "../../analysis/templateGain.js";
import { NlmsCanceller } from "../../brain/nlms.js";
import { Rng } from "../../model/rng.js";
import { type LickingMouseOptions, lickingMouseScene } from "../../world/lickingMouse.js";
import { type RunSceneOptions, runScene, type Scene, type SceneRecord } from "../../world/scene.js";
import { eventMask, makeFilter, maskMinus, round } from "../filter/common.js";
import type { DcnConfig } from "./config.js";
import { CURVE_BLOCKS, type CurvePoint, trainingCurve } from "./trainingCurve.js";

export type Progress = (done: number, total: number) => void;

function scene(
  config: DcnConfig,
  name: string,
  seconds: number,
  world: Partial<LickingMouseOptions> = {},
): Scene {
  return lickingMouseScene(
    { ...config.world, ...world },
    config.model.dtMs,
    seconds * 1000,
    Rng.derive(config.seed, `world:${name}`),
  );
}

function run(
  canceller: Parameters<typeof runScene>[0],
  s: Scene,
  config: DcnConfig,
  name: string,
  inputGain?: number[],
  afterStep?: RunSceneOptions["afterStep"],
): SceneRecord {
  return runScene(canceller, s, Rng.derive(config.seed, `noise:${name}`), {
    noiseSd: config.body.noiseSd,
    restingInput: config.body.restingInput,
    inputGain,
    afterStep,
  });
}

export interface PathMetrics {
  /** Template gain of the lick (self-generated) sound during licking. */
  lickGain: number;
  /** Template gain of played-back lick sounds (external, between bouts). */
  playbackGain: number;
  /** DCN1 ratio lickGain / playbackGain. */
  ratio: number;
  /** Template gain of external sounds during bouts and outside them (DCN2). */
  externalDuringLicking: number;
  externalNoLicking: number;
  /** 10·log10(Σ self² / Σ (self − ŷ)²) over licking. */
  cancellationDb: number;
  /** 20·log10 of the external sounds' template gain. */
  passThroughDb: number;
  /** Chewing sounds (null when the mouse does not chew): template gain and cancellation (dB). */
  chewGain: number | null;
  chewCancellationDb: number | null;
  /** Head-movement rustle (null without head movement). */
  headGain: number | null;
  headCancellationDb: number | null;
}

/** Windows of each self-generated sound with no other sound in them (steps × N masks). */
export function sourceMasks(s: Scene): { lick: Uint8Array; chew: Uint8Array; head: Uint8Array } {
  const of = (kind: string) =>
    eventMask(
      s,
      s.events.filter((e) => e.kind === kind),
    );
  const ext = of("external");
  const lick = of("lick");
  const chew = of("chew");
  const head = of("head");
  const union = (a: Uint8Array, b: Uint8Array) => a.map((v, i) => (v || b[i] ? 1 : 0));
  return {
    lick: maskMinus(lick, union(ext, head)),
    chew: maskMinus(chew, union(ext, head)),
    head: maskMinus(head, union(ext, union(lick, chew))),
  };
}

const hasEvents = (s: Scene, kind: string) => s.events.some((e) => e.kind === kind);

function pathMetrics(s: Scene, rec: SceneRecord): PathMetrics {
  const licks = s.events.filter((e) => e.kind === "lick");
  const lickMask = eventMask(s, licks);
  const ext = s.events.filter((e) => e.kind === "external");
  const extMask = eventMask(s, ext);
  const during = eventMask(
    s,
    ext.filter((e) => e.duringLicking === 1),
  );
  const outside = eventMask(
    s,
    ext.filter((e) => e.duringLicking === 0),
  );
  const playback = s.events.filter((e) => e.kind === "playback");
  const lickGain = templateGain(rec.unexpected, s.components.self, maskMinus(lickMask, extMask));
  const playbackGain = templateGain(rec.unexpected, s.components.playback, eventMask(s, playback));
  const masks = sourceMasks(s);
  const chewing = hasEvents(s, "chew");
  const head = hasEvents(s, "head");
  return {
    lickGain: round(lickGain),
    playbackGain: round(playbackGain),
    ratio: round(lickGain / playbackGain),
    externalDuringLicking: round(templateGain(rec.unexpected, s.components.external, during)),
    externalNoLicking: round(templateGain(rec.unexpected, s.components.external, outside)),
    cancellationDb: round(
      cancellationDb(s.components.self, rec.prediction, maskMinus(lickMask, extMask)),
      2,
    ),
    passThroughDb: round(passThroughDb(rec.unexpected, s.components.external, extMask), 2),
    chewGain: chewing ? round(templateGain(rec.unexpected, s.components.chew, masks.chew)) : null,
    chewCancellationDb: chewing
      ? round(cancellationDb(s.components.chew, rec.prediction, masks.chew), 2)
      : null,
    headGain: head ? round(templateGain(rec.unexpected, s.components.head, masks.head)) : null,
    headCancellationDb: head
      ? round(cancellationDb(s.components.head, rec.prediction, masks.head), 2)
      : null,
  };
}

export interface MainResult {
  dcn: PathMetrics;
  vcn: PathMetrics;
  nlms: PathMetrics;
  /** Cancellation (dB) per tenth of training, for the cancellation-over-time plot (chew: null without chewing). */
  learningCurve: {
    filter: number[];
    nlms: number[];
    chewFilter: number[] | null;
    chewNlms: number[] | null;
    blockS: number;
  };
  /** Deafened: the lick-locked average of u vs the negative of the lick-locked sound. */
  deafened: {
    negativeImageCorrelation: number;
    negativeImageRms: number;
    lickSoundRms: number;
  } | null;
  /** Lick-locked averages over 0–200 ms, channel-mean (for plots). */
  traces: { timeMs: number[]; input: number[]; dcn: number[]; nlms: number[]; deaf: number[] };
  /** Chew-locked averages (from the jaw-closing command) over 0–200 ms; null without chewing. */
  chewTraces: { timeMs: number[]; input: number[]; dcn: number[]; nlms: number[] } | null;
  test: { scene: Scene; dcn: SceneRecord; vcn: SceneRecord; nlms: SceneRecord };
}

function lickLocked(
  s: Scene,
  series: ArrayLike<number>,
  steps: number,
  kind: "lick" | "chew" = "lick",
): Float64Array {
  const n = s.sensoryNames.length;
  const onsets = s.events
    .filter((e) => e.kind === kind)
    .map((e) => (kind === "chew" ? Number(e.command) : e.step));
  const { average } = eventAverage(series, n, onsets, steps);
  return average;
}

const meanOverChannels = (avg: Float64Array, n: number) =>
  Array.from({ length: avg.length / n }, (_, t) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += avg[t * n + j];
    return round(s / n, 4);
  });

/** `onPoint` gets each training block's cancellation as soon as the block has run. */
export function dcnMain(
  config: DcnConfig,
  progress?: Progress,
  onPoint?: (p: CurvePoint) => void,
): MainResult {
  const p = config.protocol;
  const train = scene(config, "train", p.trainS, { playbackRateHz: 0 });
  const test = scene(config, "test", p.testS);
  const filter = makeFilter(train, config.model, config.filter, config.seed, config.backend);
  const vcn = makeFilter(
    train,
    config.model,
    { ...config.filter, plastic: false },
    config.seed,
    config.backend,
  );
  const nlms = new NlmsCanceller(
    train.sensoryNames.length,
    train.contextNames.length,
    config.nlms,
    config.model.dtMs,
    config.filter.restingInput,
  );
  const total = 4;
  const blockS = p.trainS / CURVE_BLOCKS;
  const masks = sourceMasks(train);
  const chewing = hasEvents(train, "chew");
  const filterCurve = trainingCurve(train, masks, chewing, "filter", blockS, onPoint);
  const nlmsCurve = trainingCurve(train, masks, chewing, "nlms", blockS, onPoint);
  run(filter, train, config, "train", undefined, filterCurve.afterStep);
  progress?.(1, total);
  run(nlms, train, config, "train", undefined, nlmsCurve.afterStep);
  const dcnTest = run(filter, test, config, "test");
  const nlmsTest = run(nlms, test, config, "test");
  const vcnTest = run(vcn, test, config, "test");
  progress?.(2, total);
  let deafened: MainResult["deafened"] = null;
  const n = train.sensoryNames.length;
  const window = Math.round(200 / config.model.dtMs);
  let deafTrace: number[] = [];
  if (p.deafS > 0) {
    const deaf = scene(config, "deaf", p.deafS, { externalRateHz: 0, playbackRateHz: 0 });
    const rec = run(filter, deaf, config, "deaf", new Array(n).fill(0));
    const u = lickLocked(deaf, rec.unexpected, window);
    const sound = lickLocked(deaf, deaf.components.self, window);
    const rms = (v: ArrayLike<number>) =>
      Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0) / v.length);
    deafened = {
      negativeImageCorrelation: round(
        pearson(
          u,
          sound.map((x) => -x),
        ),
      ),
      negativeImageRms: round(rms(u), 4),
      lickSoundRms: round(rms(sound), 4),
    };
    deafTrace = meanOverChannels(u, n);
  }
  progress?.(3, total);
  const result: MainResult = {
    dcn: pathMetrics(test, dcnTest),
    vcn: pathMetrics(test, vcnTest),
    nlms: pathMetrics(test, nlmsTest),
    learningCurve: {
      filter: filterCurve.lick,
      nlms: nlmsCurve.lick,
      chewFilter: filterCurve.chew,
      chewNlms: nlmsCurve.chew,
      blockS,
    },
    deafened,
    traces: {
      timeMs: Array.from({ length: window }, (_, t) => t * config.model.dtMs),
      input: meanOverChannels(lickLocked(test, test.components.self, window), n),
      dcn: meanOverChannels(lickLocked(test, dcnTest.unexpected, window), n),
      nlms: meanOverChannels(lickLocked(test, nlmsTest.unexpected, window), n),
      deaf: deafTrace,
    },
    chewTraces: hasEvents(test, "chew")
      ? {
          timeMs: Array.from({ length: window }, (_, t) => t * config.model.dtMs),
          input: meanOverChannels(lickLocked(test, test.components.chew, window, "chew"), n),
          dcn: meanOverChannels(lickLocked(test, dcnTest.unexpected, window, "chew"), n),
          nlms: meanOverChannels(lickLocked(test, nlmsTest.unexpected, window, "chew"), n),
        }
      : null,
    test: { scene: test, dcn: dcnTest, vcn: vcnTest, nlms: nlmsTest },
  };
  progress?.(4, total);
  return result;
}

export interface PairingResult {
  mode: "paired" | "unpaired";
  /** Template gain of the tone per pairing block. */
  gains: number[];
  /** Spearman ρ(block, gain). */
  rho: number;
  /** Last block / first block. */
  lastOverFirst: number;
  blockS: number;
}

/** Tone–lick pairing (DCN3): the tone's response per block while learning continues. */
export function dcnPairing(config: DcnConfig, mode: "paired" | "unpaired"): PairingResult {
  const p = config.protocol;
  const pre = scene(config, "pairing-pre", Math.max(p.pairingPretrainS, 1), { playbackRateHz: 0 });
  const filter = makeFilter(pre, config.model, config.filter, config.seed, config.backend);
  if (p.pairingPretrainS > 0) run(filter, pre, config, "pairing-pre");
  const tone = {
    enabled: true,
    channel: p.toneChannel,
    level: p.toneLevel,
    lagMs: p.toneLagMs,
    durationMs: 20,
    probability: 1,
  };
  const gains: number[] = [];
  for (let b = 0; b < p.pairingBlocks; b++) {
    const s = scene(config, `${mode}-${b}`, p.pairingBlockS, { playbackRateHz: 0, [mode]: tone });
    const rec = run(filter, s, config, `${mode}-${b}`);
    const events = s.events.filter((e) => e.kind === mode);
    gains.push(round(templateGain(rec.unexpected, s.components[mode], eventMask(s, events))));
  }
  const blocks = gains.map((_, i) => i);
  return {
    mode,
    gains,
    rho: round(spearman(blocks, gains)),
    lastOverFirst: round(gains[gains.length - 1] / gains[0]),
    blockS: p.pairingBlockS,
  };
}

export interface SpecificityResult {
  lagMs: number;
  shiftedMs: number;
  /** Cancellation 1 − gain of the tone at the trained lag L and at L + Δ (frozen probe). */
  cancellationAtLag: number;
  cancellationShifted: number;
}

/** Time specificity (DCN4): pair at L, then a frozen probe at L and at L + Δ. */
export function dcnSpecificity(config: DcnConfig): SpecificityResult {
  const p = config.protocol;
  const pre = scene(config, "spec-pre", Math.max(p.pairingPretrainS, 1), { playbackRateHz: 0 });
  const filter = makeFilter(pre, config.model, config.filter, config.seed, config.backend);
  const tone = {
    enabled: true,
    channel: p.toneChannel,
    level: p.toneLevel,
    lagMs: p.toneLagMs,
    durationMs: 20,
    probability: 1,
  };
  if (p.pairingPretrainS > 0) run(filter, pre, config, "spec-pre");
  const pairing = scene(config, "spec-pair", p.pairingBlocks * p.pairingBlockS, {
    playbackRateHz: 0,
    paired: tone,
  });
  run(filter, pairing, config, "spec-pair");
  filter.learning = false;
  const probe = (lagMs: number, name: string) => {
    // Half the licks carry the tone, so the probe's template is not confounded with licking.
    const s = scene(config, name, p.probeS, {
      playbackRateHz: 0,
      externalRateHz: 0,
      paired: { ...tone, lagMs, probability: 0.5 },
    });
    const rec = run(filter, s, config, name);
    return (
      1 -
      templateGain(
        rec.unexpected,
        s.components.paired,
        eventMask(
          s,
          s.events.filter((e) => e.kind === "paired"),
        ),
      )
    );
  };
  return {
    lagMs: p.toneLagMs,
    shiftedMs: p.toneLagMs + p.shiftMs,
    cancellationAtLag: round(probe(p.toneLagMs, "spec-probe-lag")),
    cancellationShifted: round(probe(p.toneLagMs + p.shiftMs, "spec-probe-shift")),
  };
}
