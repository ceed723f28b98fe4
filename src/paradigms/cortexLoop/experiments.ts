/**
 * The filter ⇄ cortex loop: the cortex receives the filter's residual plus context, and its
 * state feeds back as filter context. Both learn throughout. A control run has the same filter
 * and world without the cortex.
 *
 * Measures, per block: residual power (mean u²), cortex prediction error; over the second half:
 * compression Σd²/Σu² (how much less variance reaches cortex), reconstruction error of the raw
 * deviation from residual + cortex state (decoder probe) against using the residual alone, and
 * external-sound pass-through (does the loop start cancelling what it should pass?).
 */

import { cancellationDb } from "../../analysis/cancellation.js";
import { templateGain } from "../../analysis/templateGain.js";
import { Cortex } from "../../brain/cortex.js";
import { Rng } from "../../model/rng.js";
import { lickingMouseScene } from "../../world/lickingMouse.js";
import { runScene, type Scene, type SceneRecord, sumComponents } from "../../world/scene.js";
import { eventMask, makeFilter, maskMinus, round } from "../filter/common.js";
import type { CortexLoopConfig } from "./config.js";

export interface LoopRun {
  blockPower: number[];
  /** Cancellation (dB) of the self-generated lick sound per block (licking windows, no external sound). */
  blockCancellationDb: number[];
  /** Spread (max − min, dB) of the last four blocks' cancellation: small = settled, no oscillation. */
  lastBlocksSpreadDb: number;
  predictionError: number[];
  compression: number;
  compressionDb: number;
  reconstructionError: number;
  residualOnlyError: number;
  externalGain: number;
  /** Coefficient of variation of the last four blocks' residual power. */
  lastBlocksCv: number;
  /** Sign changes of successive block-power differences in the second half (oscillation). */
  reversals: number;
}

function blockMeans(values: Float64Array, blocks: number): number[] {
  return Array.from({ length: blocks }, (_, b) => {
    const a = Math.floor((b * values.length) / blocks);
    const z = Math.floor(((b + 1) * values.length) / blocks);
    let s = 0;
    for (let i = a; i < z; i++) s += values[i];
    return round(s / Math.max(1, z - a), 6);
  });
}

function summarise(
  scene: Scene,
  rec: SceneRecord,
  perStepError: Float64Array,
  decodedError: Float64Array | null,
  blocks: number,
): LoopRun {
  const n = scene.sensoryNames.length;
  const steps = scene.steps;
  const power = new Float64Array(steps);
  for (let t = 0; t < steps; t++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += rec.unexpected[t * n + j] ** 2;
    power[t] = s / n;
  }
  const blockPower = blockMeans(power, blocks);
  const lickMask = maskMinus(
    eventMask(
      scene,
      scene.events.filter((e) => e.kind === "lick"),
    ),
    eventMask(
      scene,
      scene.events.filter((e) => e.kind === "external"),
    ),
  );
  const blockCancellationDb = Array.from({ length: blocks }, (_, b) => {
    const a = Math.floor((b * steps) / blocks) * n;
    const z = Math.floor(((b + 1) * steps) / blocks) * n;
    return round(
      cancellationDb(
        scene.components.self.subarray(a, z),
        rec.prediction.subarray(a, z),
        lickMask.subarray(a, z),
      ),
      2,
    );
  });
  const tail = blockCancellationDb.slice(-4);
  const half = Math.floor(steps / 2) * n;
  const raw = sumComponents(scene);
  let dd = 0;
  let uu = 0;
  let missing = 0;
  let rerr = 0;
  for (let i = half; i < steps * n; i++) {
    dd += raw[i] ** 2;
    uu += rec.unexpected[i] ** 2;
    missing += (raw[i] - rec.unexpected[i]) ** 2;
    if (decodedError) rerr += decodedError[i];
  }
  const last = blockPower.slice(-4);
  const mean = last.reduce((a, b) => a + b, 0) / last.length;
  const sd = Math.sqrt(last.reduce((a, b) => a + (b - mean) ** 2, 0) / last.length);
  const diffs = blockPower
    .slice(Math.floor(blocks / 2))
    .map((v, i, a) => (i > 0 ? v - a[i - 1] : 0))
    .slice(1);
  let reversals = 0;
  for (let i = 1; i < diffs.length; i++) if (diffs[i] * diffs[i - 1] < 0) reversals++;
  const ext = scene.events.filter((e) => e.kind === "external");
  const extMask = eventMask(scene, ext);
  for (let i = 0; i < half; i++) extMask[i] = 0;
  return {
    blockPower,
    blockCancellationDb,
    lastBlocksSpreadDb: round(Math.max(...tail) - Math.min(...tail), 2),
    predictionError: blockMeans(perStepError, blocks),
    compression: round(dd / uu),
    compressionDb: round(10 * Math.log10(dd / uu), 2),
    reconstructionError: decodedError ? round(rerr / dd) : Number.NaN,
    residualOnlyError: round(missing / dd),
    externalGain: round(templateGain(rec.unexpected, scene.components.external, extMask)),
    lastBlocksCv: round(sd / mean),
    reversals,
  };
}

export function cortexLoop(config: CortexLoopConfig): { loop: LoopRun; control: LoopRun } {
  const p = config.protocol;
  const scene = lickingMouseScene(
    config.world,
    config.model.dtMs,
    p.durationS * 1000,
    Rng.derive(config.seed, "world:loop"),
  );
  const n = scene.sensoryNames.length;
  const k = config.cortex.units;
  const cortexNames = Array.from({ length: k }, (_, i) => `cortex${i}`);
  const c = scene.contextNames.length;
  const raw = sumComponents(scene);
  const body = { noiseSd: config.body.noiseSd, restingInput: config.body.restingInput };

  const filter = makeFilter(
    scene,
    config.model,
    config.filter,
    config.seed,
    config.backend,
    cortexNames,
  );
  const cortex = new Cortex(n, c, config.cortex, config.model.dtMs, config.seed);
  const context = new Float32Array(c + k);
  const predErr = new Float64Array(scene.steps);
  const decErr = new Float64Array(scene.steps * n);
  const rec = runScene(filter, scene, Rng.derive(config.seed, "noise:loop"), {
    ...body,
    contextOf: (_t, world) => {
      context.set(world);
      context.set(cortex.rates, c);
      return context;
    },
    afterStep: (t) => {
      const d = raw.subarray(t * n, (t + 1) * n);
      cortex.step(filter.unexpected, scene.context.subarray(t * c, (t + 1) * c), d);
      predErr[t] = cortex.predictionError / n;
      for (let j = 0; j < n; j++) decErr[t * n + j] = (d[j] - cortex.decoded[j]) ** 2;
    },
  });
  const loop = summarise(scene, rec, predErr, decErr, p.blocks);

  // Control: the same filter and world, no cortex (its context channels stay at rest, 0.5).
  const control = makeFilter(
    scene,
    config.model,
    config.filter,
    config.seed,
    config.backend,
    cortexNames,
  );
  const rest = new Float32Array(c + k).fill(0.5);
  const recControl = runScene(control, scene, Rng.derive(config.seed, "noise:loop"), {
    ...body,
    contextOf: (_t, world) => {
      rest.set(world);
      return rest;
    },
  });
  return {
    loop,
    control: summarise(scene, recControl, new Float64Array(scene.steps), null, p.blocks),
  };
}
