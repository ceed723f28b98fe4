/**
 * Tinnitus as a failed cancellation — a MODEL PREDICTION (literature.md §4.2), not validation.
 *
 * Train the DCN filter on licking with normal hearing; then the lost channels keep only
 * `lossGain` of their input while the lick context (efference copy, jaw) is unchanged. The
 * learned prediction ŷ no longer meets its sound, so u = g·d − ŷ ≈ −ŷ: a lick- and jaw-locked
 * phantom in the lost channels. Learning stays on, so the phantom fades as ŷ relearns; with the
 * homeostatic option, a central gain h on the lost channels rises each block toward restoring
 * their pre-loss input power (h = min(maxGain, √(P_pre / P_now))), amplifying what is left
 * (including receptor noise: raised spontaneous activity).
 *
 * Per block, in the lost channels:
 *   phantomIndex    RMS of the lick-locked average of u / RMS of the pre-loss lick-locked sound
 *   imageCorrelation  r(lick-locked u, −pre-loss lick-locked sound): is the phantom the negative image?
 *   jawModulation   r(per-lick phantom energy, the lick's jaw opening): somatic modulation
 *   spontaneousSd   SD of u outside licking (pauses)
 */
import { eventAverage } from "../../analysis/eventAverage.js";
import { pearson } from "../../analysis/pearson.js";
import { Rng } from "../../model/rng.js";
import { lickingMouseScene } from "../../world/lickingMouse.js";
import { runScene, type Scene } from "../../world/scene.js";
import { eventMask, makeFilter, round } from "../filter/common.js";
import type { TinnitusConfig } from "./config.js";

export interface TinnitusBlock {
  centralGain: number;
  phantomIndex: number;
  imageCorrelation: number;
  jawModulation: number;
  spontaneousSd: number;
}

export interface TinnitusRun {
  before: { spontaneousSd: number; lickResidualIndex: number };
  blocks: TinnitusBlock[];
  /** Lick-locked channel-mean traces in the lost channels: pre-loss sound, first post-loss block u. */
  traces: { timeMs: number[]; sound: number[]; phantom: number[]; lastBlock: number[] };
}

/** The lick-locked average of `series` (n channels per step) over `window` steps, mean of `channels`. */
export function lickLockedMean(
  s: Scene,
  series: ArrayLike<number>,
  n: number,
  channels: readonly number[],
  window: number,
): number[] {
  const { average } = eventAverage(
    series,
    n,
    s.events.filter((e) => e.kind === "lick").map((e) => e.step),
    window,
  );
  return Array.from(
    { length: window },
    (_, t) => channels.reduce((a, j) => a + average[t * n + j], 0) / channels.length,
  );
}

export const rms = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);

/** `onBlock` gets each post-loss block's measures as soon as the block has run. */
export function tinnitusRun(
  config: TinnitusConfig,
  homeostasis: boolean,
  onBlock?: (b: number, block: TinnitusBlock) => void,
): TinnitusRun {
  const p = config.protocol;
  const dt = config.model.dtMs;
  const scene = (name: string, s: number) =>
    lickingMouseScene(config.world, dt, s * 1000, Rng.derive(config.seed, `world:${name}`));
  const train = scene("train", p.trainS);
  const n = train.sensoryNames.length;
  const lost = p.lostChannels.filter((j) => j < n);
  const filter = makeFilter(train, config.model, config.filter, config.seed, config.backend);
  const body = { noiseSd: config.body.noiseSd, restingInput: config.body.restingInput };
  runScene(filter, train, Rng.derive(config.seed, "noise:train"), body);
  const window = Math.round(200 / dt);

  const lickLocked = (s: Scene, series: ArrayLike<number>) =>
    lickLockedMean(s, series, n, lost, window);
  const inputPower = (s: Scene, rec: { input: Float32Array }) => {
    let a = 0;
    for (let t = 0; t < s.steps; t++) for (const j of lost) a += rec.input[t * n + j] ** 2;
    return a / (s.steps * lost.length);
  };
  const spontaneous = (s: Scene, u: Float32Array) => {
    const busy = eventMask(
      s,
      s.events.filter((e) => e.kind !== "paired"),
      { to: Math.round(50 / dt) },
    );
    const v: number[] = [];
    for (let t = 0; t < s.steps; t++)
      for (const j of lost) if (!busy[t * n + j]) v.push(u[t * n + j]);
    const m = v.reduce((a, x) => a + x, 0) / Math.max(1, v.length);
    return Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, v.length));
  };

  // Reference period with normal hearing (learning on, as always).
  const ref = scene("reference", 10);
  const refRec = runScene(filter, ref, Rng.derive(config.seed, "noise:reference"), body);
  const sound = lickLocked(ref, ref.components.self);
  const soundRms = rms(sound);
  const before = {
    spontaneousSd: round(spontaneous(ref, refRec.unexpected), 4),
    lickResidualIndex: round(rms(lickLocked(ref, refRec.unexpected)) / soundRms),
  };
  const prePower = inputPower(ref, refRec);

  const blocks: TinnitusBlock[] = [];
  let gain = 1;
  let firstPhantom: number[] = [];
  let lastPhantom: number[] = [];
  const blockS = p.afterS / p.blocks;
  for (let b = 0; b < p.blocks; b++) {
    const s = scene(`after-${b}`, blockS);
    const inputGain = Array.from({ length: n }, (_, j) =>
      lost.includes(j) ? p.lossGain * gain : 1,
    );
    const rec = runScene(filter, s, Rng.derive(config.seed, `noise:after-${b}`), {
      ...body,
      inputGain,
    });
    const phantom = lickLocked(s, rec.unexpected);
    if (b === 0) firstPhantom = phantom;
    lastPhantom = phantom;
    const licks = s.events.filter((e) => e.kind === "lick" && e.step + window <= s.steps);
    const energy = licks.map((e) => {
      let a = 0;
      for (let t = e.step; t < e.step + window; t++)
        for (const j of lost) a += rec.unexpected[t * n + j] ** 2;
      return a;
    });
    blocks.push({
      centralGain: round(gain, 3),
      phantomIndex: round(rms(phantom) / soundRms),
      imageCorrelation: round(
        pearson(
          phantom,
          sound.map((x) => -x),
        ),
      ),
      jawModulation: round(
        pearson(
          energy,
          licks.map((e) => Number(e.jaw)),
        ),
      ),
      spontaneousSd: round(spontaneous(s, rec.unexpected), 4),
    });
    onBlock?.(b, blocks[b]);
    if (homeostasis)
      gain = Math.min(
        p.maxCentralGain,
        gain * Math.sqrt(prePower / Math.max(1e-12, inputPower(s, rec))),
      );
  }
  const r4 = (v: number[]) => v.map((x) => round(x, 4));
  return {
    before,
    blocks,
    traces: {
      timeMs: sound.map((_, t) => t * dt),
      sound: r4(sound),
      phantom: r4(firstPhantom),
      lastBlock: r4(lastPhantom),
    },
  };
}
