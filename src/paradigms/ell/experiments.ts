/**
 * ELL experiments (literature.md §3), shared by `shoulda run ell` and targets F1, F2, F4, F5,
 * F6. Each builds a fresh filter from the config's seed; learning stays on unless "frozen".
 */
import { dPrime } from "../../analysis/dprime.js";
import { eventAverage } from "../../analysis/eventAverage.js";
import { fitExponential } from "../../analysis/exponentialFit.js";
import { pearson } from "../../analysis/pearson.js";
import { templateGain } from "../../analysis/templateGain.js";
import type { InputFilter } from "../../brain/filter.js";
import { Rng } from "../../model/rng.js";
import {
  type Bump,
  type ElectricFishOptions,
  electricFishScene,
} from "../../world/electricFish.js";
import { runScene, type Scene, type SceneRecord } from "../../world/scene.js";
import { eventMask, makeFilter, round } from "../filter/common.js";
import type { EllConfig } from "./config.js";

function scene(
  config: EllConfig,
  name: string,
  seconds: number,
  world: Partial<ElectricFishOptions> = {},
): Scene {
  return electricFishScene(
    { ...config.world, ...world },
    config.model.dtMs,
    seconds * 1000,
    Rng.derive(config.seed, `world:${name}`),
  );
}

function run(
  f: InputFilter,
  s: Scene,
  config: EllConfig,
  name: string,
  silenceContext?: number[],
): SceneRecord {
  return runScene(f, s, Rng.derive(config.seed, `noise:${name}`), {
    noiseSd: config.body.noiseSd,
    restingInput: config.body.restingInput,
    silenceContext,
  });
}

/** Move the paired component out of the input (command alone) but keep it as a template. */
function commandAlone(s: Scene): Float32Array {
  const ghost = s.components.paired;
  s.components.paired = new Float32Array(ghost.length);
  return ghost;
}

const eods = (s: Scene) => s.events.filter((e) => e.kind === "eod");

/** EOD-locked average over 0–200 ms of one channel. */
function eodLocked(s: Scene, series: ArrayLike<number>, channel: number): number[] {
  const n = s.sensoryNames.length;
  const steps = Math.round(200 / s.dtMs);
  const { average } = eventAverage(
    series,
    n,
    eods(s).map((e) => e.step),
    steps,
  );
  return Array.from({ length: steps }, (_, t) => average[t * n + channel]);
}

export interface NegativeImageResult {
  /** Pearson r between the command-alone output and −(the stimulus response), first stimulus. */
  correlation: number;
  /** …after pairing a changed stimulus. */
  correlationChanged: number;
  /** Amplitude of the image relative to the stimulus (least-squares gain of −image on stimulus). */
  relativeAmplitude: number;
  traces: {
    timeMs: number[];
    stimulus: number[];
    image: number[];
    changedStimulus: number[];
    changedImage: number[];
  };
}

/** F1: pair, then command alone → negative image; pair a changed stimulus → the image changes. */
export function ellNegativeImage(config: EllConfig): NegativeImageResult {
  const p = config.protocol;
  const pair = scene(config, "f1-pair", p.pairingS, { paired: [p.stimulus] });
  const f = makeFilter(pair, config.model, config.filter, config.seed, config.backend);
  run(f, pair, config, "f1-pair");
  const probe = (name: string, stim: Bump) => {
    const s = scene(config, name, 4, { paired: [stim] });
    const ghost = commandAlone(s);
    const rec = run(f, s, config, name);
    const ch = stim.channels[0] ?? 0;
    return { stimulus: eodLocked(s, ghost, ch), image: eodLocked(s, rec.unexpected, ch) };
  };
  const first = probe("f1-alone", p.stimulus);
  const change = scene(config, "f1-change", p.pairingS, { paired: [p.changedStimulus] });
  run(f, change, config, "f1-change");
  const second = probe("f1-alone2", p.changedStimulus);
  const neg = (v: number[]) => v.map((x) => -x);
  return {
    correlation: round(pearson(first.image, neg(first.stimulus))),
    correlationChanged: round(pearson(second.image, neg(second.stimulus))),
    relativeAmplitude: round(templateGain(neg(first.image), first.stimulus)),
    traces: {
      timeMs: first.stimulus.map((_, t) => t * config.model.dtMs),
      stimulus: first.stimulus.map((x) => round(x, 4)),
      image: first.image.map((x) => round(x, 4)),
      changedStimulus: second.stimulus.map((x) => round(x, 4)),
      changedImage: second.image.map((x) => round(x, 4)),
    },
  };
}

export interface TimeCourseResult {
  blockS: number;
  /** Cancellation (1 − gain) per block of pairing. */
  formation: number[];
  /** Negative-image amplitude per block of command alone. */
  decay: number[];
  tauFormS: number;
  tauDecayS: number;
  /** Pairings (EODs) per τ_form. */
  tauFormPairings: number;
  /** Cancellation in the last block of pairingS / 2 of pairing, per delay. */
  byDelay: Record<string, number>;
}

/** Time (s) of a time-course block's midpoint; the decay blocks follow the `after` formation blocks. */
export function courseTimeS(blockS: number, b: number, after = 0): number {
  return (b + 0.5 + after) * blockS;
}

/** A point of the F2 time course, sent as soon as its block has run (RunHooks.onSample). */
export interface CoursePoint {
  phase: "formation" | "decay";
  timeS: number;
  value: number;
}

/**
 * F2: formation and decay time courses, and the range of delays that can be cancelled;
 * `onPoint` gets each block's value as soon as the block has run.
 */
export function ellTimeCourse(
  config: EllConfig,
  onPoint?: (p: CoursePoint) => void,
): TimeCourseResult {
  const p = config.protocol;
  const blocks = Math.max(2, Math.round(p.pairingS / p.blockS));
  const f = makeFilter(
    scene(config, "probe", 1),
    config.model,
    config.filter,
    config.seed,
    config.backend,
  );
  const formation: number[] = [];
  let eodCount = 0;
  for (let b = 0; b < blocks; b++) {
    const s = scene(config, `f2-pair-${b}`, p.blockS, { paired: [p.stimulus] });
    eodCount += eods(s).length;
    const rec = run(f, s, config, `f2-pair-${b}`);
    formation.push(
      round(1 - templateGain(rec.unexpected, s.components.paired, eventMask(s, eods(s)))),
    );
    onPoint?.({ phase: "formation", timeS: courseTimeS(p.blockS, b), value: formation[b] });
  }
  const decay: number[] = [];
  const decayBlocks = Math.max(2, Math.round(p.decayS / p.blockS));
  for (let b = 0; b < decayBlocks; b++) {
    const s = scene(config, `f2-decay-${b}`, p.blockS, { paired: [p.stimulus] });
    const ghost = commandAlone(s);
    const rec = run(f, s, config, `f2-decay-${b}`);
    decay.push(round(-templateGain(rec.unexpected, ghost, eventMask(s, eods(s)))));
    onPoint?.({ phase: "decay", timeS: courseTimeS(p.blockS, b, blocks), value: decay[b] });
  }
  const times = (v: number[]) => v.map((_, i) => courseTimeS(p.blockS, i));
  const form = fitExponential(times(formation), formation);
  const dec = fitExponential(times(decay), decay);
  const byDelay: Record<string, number> = {};
  for (const d of p.delaysMs) {
    const stim = { ...p.stimulus, delayMs: d };
    const seconds = p.pairingS / 2;
    const pair = scene(config, `f2-delay-${d}`, seconds, { paired: [stim] });
    const g = makeFilter(pair, config.model, config.filter, config.seed, config.backend);
    const rec = run(g, pair, config, `f2-delay-${d}`);
    const last = Math.round(((seconds - p.blockS) * 1000) / config.model.dtMs);
    const late = eods(pair).filter((e) => e.step >= last);
    byDelay[`${d}ms`] = round(
      1 - templateGain(rec.unexpected, pair.components.paired, eventMask(pair, late)),
    );
  }
  return {
    blockS: p.blockS,
    formation,
    decay,
    tauFormS: round(form.tau, 2),
    tauDecayS: round(dec.tau, 2),
    tauFormPairings: round((form.tau * eodCount) / (blocks * p.blockS), 1),
    byDelay,
  };
}

export interface TilingResult {
  /** Histogram of peak latencies (ms bins of 10) of command-responsive granule cells. */
  latencyHistogram: number[];
  binMs: number;
  responsiveCells: number;
  /** Cancellation of the early and late stimulus parts, intact vs delayed bumps silenced. */
  intact: { early: number; late: number };
  silenced: { early: number; late: number };
}

/** F4: the granule temporal basis tiles the delays; removing delayed cells spares early cancellation only. */
export function ellTemporalBasis(config: EllConfig): TilingResult {
  const p = config.protocol;
  const dt = config.model.dtMs;
  const binMs = 10;
  const bins = 20;
  // (a) Granule responses to isolated commands (no learning, no stimulus).
  const iso = scene(config, "f4-iso", 20, { intervalMinMs: 400, intervalMaxMs: 500 });
  const f = makeFilter(iso, config.model, config.filter, config.seed, config.backend);
  f.learning = false;
  const cells = config.model.granule.count;
  const counts = new Uint32Array(cells * bins);
  const onsets = eods(iso).map((e) => e.step);
  let k = 0;
  let last = -1;
  runScene(f, iso, Rng.derive(config.seed, "noise:f4-iso"), {
    noiseSd: config.body.noiseSd,
    restingInput: config.body.restingInput,
    afterStep: (t) => {
      while (k < onsets.length && onsets[k] <= t) last = onsets[k++];
      if (last < 0) return;
      const bin = Math.floor(((t - last) * dt) / binMs);
      if (bin >= bins) return;
      const g = f.brain.granule;
      for (let i = 0; i < g.count; i++) counts[g.active[i] * bins + bin]++;
    },
  });
  const histogram = new Array(bins).fill(0);
  let responsive = 0;
  const perBin = binMs / dt;
  for (let i = 0; i < cells; i++) {
    let best = 0;
    for (let b = 1; b < bins; b++) if (counts[i * bins + b] > counts[i * bins + best]) best = b;
    // Responsive: active in at least half the steps of its best bin, on average over commands.
    if (counts[i * bins + best] >= 0.5 * perBin * onsets.length) {
      responsive++;
      histogram[best]++;
    }
  }
  // (b) Early + late stimulus; intact vs delayed bumps silenced from the start.
  const early = { delayMs: 15, widthMs: 5, amplitude: 0.5, channels: [0] };
  const lateStim = { delayMs: 110, widthMs: 10, amplitude: 0.5, channels: [0] };
  const measure = (silence: boolean) => {
    const s = scene(config, "f4-pair", p.pairingS, { paired: [early, lateStim] });
    const g = makeFilter(s, config.model, config.filter, config.seed, config.backend);
    if (silence) {
      const { delayMs } = g.brain.basisShape;
      for (let u = 0; u < delayMs.length; u++)
        if (delayMs[u] > p.lateBumpMs) g.brain.basis.silenced[u] = 1;
    }
    const rec = run(g, s, config, "f4-pair");
    const from = Math.round(((p.pairingS - 2 * p.blockS) * 1000) / dt);
    const ev = eods(s).filter((e) => e.step >= from);
    const win = (a: number, b: number) =>
      eventMask(
        s,
        ev.map((e) => ({
          ...e,
          step: e.step + Math.round(a / dt),
          length: Math.round((b - a) / dt),
        })),
      );
    return {
      early: round(1 - templateGain(rec.unexpected, s.components.paired, win(0, 50))),
      late: round(1 - templateGain(rec.unexpected, s.components.paired, win(70, 160))),
    };
  };
  return {
    latencyHistogram: histogram,
    binMs,
    responsiveCells: responsive,
    intact: measure(false),
    silenced: measure(true),
  };
}

export interface DetectionResult {
  dPrimeLearned: number;
  dPrimePlasticityOff: number;
  preyEvents: number;
}

/** F5: detection d′ of small prey signals with learned cancellation vs plasticity off. */
export function ellDetection(config: EllConfig): DetectionResult {
  const p = config.protocol;
  const prey = { preyRateHz: 1 };
  const train = scene(config, "f5-train", p.pairingS, prey);
  const test = scene(config, "f5-test", p.testS * 2, prey);
  const n = test.sensoryNames.length;
  const dt = config.model.dtMs;
  const result = (plastic: boolean) => {
    const f = makeFilter(
      train,
      config.model,
      { ...config.filter, plastic },
      config.seed,
      config.backend,
    );
    run(f, train, config, "f5-train");
    const rec = run(f, test, config, "f5-test");
    const w = Math.max(1, Math.round(config.world.preyWidthMs / dt));
    const stat = (peak: number, ch: number) => {
      let s = 0;
      for (let t = peak - w; t <= peak + w; t++) s += rec.unexpected[t * n + ch];
      return s / (2 * w + 1);
    };
    const preyEvents = test.events.filter(
      (e) => e.kind === "prey" && Number(e.peak) + w < test.steps,
    );
    const signal = preyEvents.map((e) => stat(Number(e.peak), Number(e.channel)));
    // Noise trials: the same statistic at random times and channels, away from any prey signal.
    const rng = Rng.derive(config.seed, "f5-noise-windows");
    const busy = eventMask(test, preyEvents, { from: -w, to: w });
    const noise: number[] = [];
    while (noise.length < 4 * signal.length) {
      const t = w + rng.int(test.steps - 2 * w - 1);
      const ch = rng.int(n);
      if (busy[t * n + ch]) continue;
      noise.push(stat(t, ch));
    }
    return { d: dPrime(signal, noise), count: signal.length };
  };
  const learned = result(true);
  const off = result(false);
  return {
    dPrimeLearned: round(learned.d),
    dPrimePlasticityOff: round(off.d),
    preyEvents: learned.count,
  };
}

export interface AdditivityResult {
  /** Cancellation fraction 1 − Σ(x − ŷ)²/Σx² of all reafference, per context condition. */
  full: number;
  eodOnly: number;
  tailOnly: number;
  none: number;
  /** ‖ŷ_full − (ŷ_eod + ŷ_tail − ŷ_none)‖ / ‖ŷ_full‖ (0 = perfectly additive). */
  additivityError: number;
}

/** F6: corollary discharge and proprioception contribute independently and additively. */
export function ellAdditivity(config: EllConfig): AdditivityResult {
  const p = config.protocol;
  const world = { tailRateHz: 1.5 };
  const train = scene(config, "f6-train", p.pairingS * 2, world);
  const f = makeFilter(train, config.model, config.filter, config.seed, config.backend);
  run(f, train, config, "f6-train");
  f.learning = false;
  const test = scene(config, "f6-test", p.testS, world);
  const x = new Float32Array(test.components.self.length);
  for (let i = 0; i < x.length; i++) x[i] = test.components.self[i] + test.components.tail[i];
  const cancel = (silence: number[]) => {
    const rec = run(f, test, config, "f6-test", silence);
    let a = 0;
    let b = 0;
    for (let i = 0; i < x.length; i++) {
      a += x[i] * x[i];
      b += (x[i] - rec.prediction[i]) ** 2;
    }
    return { c: 1 - b / a, y: rec.prediction };
  };
  const eodIndex = test.contextNames.indexOf("eod");
  const tailIndex = test.contextNames.indexOf("tail");
  const full = cancel([]);
  const eodOnly = cancel([tailIndex]);
  const tailOnly = cancel([eodIndex]);
  const none = cancel([eodIndex, tailIndex]);
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    num += (full.y[i] - (eodOnly.y[i] + tailOnly.y[i] - none.y[i])) ** 2;
    den += full.y[i] ** 2;
  }
  return {
    full: round(full.c),
    eodOnly: round(eodOnly.c),
    tailOnly: round(tailOnly.c),
    none: round(none.c),
    additivityError: round(Math.sqrt(num / den)),
  };
}
