/**
 * The filter ⇄ cortex loop: the cortex (a sequence memory, loopCortex.ts) hears the filter's
 * residual plus its own prediction, and its prediction feeds back as filter context. Both learn
 * from the first step; nothing is pretrained. Three controls run on the same world: the same loop
 * with the cortex's representation frozen (ablation of its learning), a content-free pulse at
 * each cortical step (timing without knowledge), and the filter without a cortex.
 *
 * Measures, per block: residual power (mean u²), lick-sound cancellation, the cortex's prediction
 * error and anomaly; over the second half: compression Σd²/Σu², external-sound pass-through, and
 * the cortex's own reconstruction of the raw input, d̄ ≈ ū + p (window means), against the
 * residual alone (d̄ ≈ ū) and against chance (ū + a prediction from another window).
 */

import { templateGain } from "../../analysis/templateGain.js";
import { Rng } from "../../model/rng.js";
import { lickingMouseScene } from "../../world/lickingMouse.js";
import { runScene, type Scene, type SceneRecord, sumComponents } from "../../world/scene.js";
import { eventMask, makeFilter, round } from "../filter/common.js";
import { type BlockMeasure, BlockMeter } from "./blocks.js";
import type { CortexLoopConfig } from "./config.js";
import { type CortexWindow, LoopCortex } from "./loopCortex.js";

export interface LoopRun {
  blockPower: number[];
  /** Cancellation (dB) of the self-generated lick sound per block (licking windows, no external sound). */
  blockCancellationDb: number[];
  /** Spread (max − min, dB) of the last four blocks' cancellation: small = settled, no oscillation. */
  lastBlocksSpreadDb: number;
  /** Cortex prediction error ε per block (mean over its steps, per channel). */
  predictionError: number[];
  /** Cortex anomaly per block (fraction of active columns it did not predict). */
  anomaly: number[];
  compression: number;
  compressionDb: number;
  /** Second half: Σ(d̄ − ū − p)²/Σd̄², the cortex's own reconstruction (NaN without a cortex). */
  reconstructionError: number;
  /** Second half: Σ(d̄ − ū)²/Σd̄², the residual alone. */
  residualOnlyError: number;
  /** Second half: Σ(d̄ − ū − p′)²/Σd̄² with p′ the prediction of the window half a run away. */
  chanceError: number;
  externalGain: number;
  /** Coefficient of variation of the last four blocks' residual power. */
  lastBlocksCv: number;
  /** Sign changes of successive block-power differences in the second half (oscillation). */
  reversals: number;
}

/**
 * Item 4 of issue #13, measured by the cortex itself: over windows from step `from`, the raw
 * window mean d̄ against ū + p (the cortex's reconstruction), ū (residual alone) and ū + p′
 * (chance: p′ from the window half the list away), each as Σ error² / Σ d̄².
 */
function reconstruction(
  windows: CortexWindow[],
  from: number,
): { cortex: number; residual: number; chance: number } {
  const late = windows.filter((w) => w.step >= from);
  let dd = 0;
  let cortex = 0;
  let residual = 0;
  let chance = 0;
  const shift = Math.floor(late.length / 2);
  late.forEach((w, k) => {
    const other = late[(k + shift) % late.length];
    for (let j = 0; j < w.raw.length; j++) {
      dd += w.raw[j] ** 2;
      cortex += (w.raw[j] - w.residual[j] - w.prediction[j]) ** 2;
      residual += (w.raw[j] - w.residual[j]) ** 2;
      chance += (w.raw[j] - w.residual[j] - other.prediction[j]) ** 2;
    }
  });
  return { cortex: cortex / dd, residual: residual / dd, chance: chance / dd };
}

function summarise(
  scene: Scene,
  rec: SceneRecord,
  windows: CortexWindow[] | null,
  measured: readonly BlockMeasure[],
): LoopRun {
  const n = scene.sensoryNames.length;
  const steps = scene.steps;
  const blocks = measured.length;
  const blockPower = measured.map((m) => m.power);
  const blockCancellationDb = measured.map((m) => m.cancellationDb);
  const tail = blockCancellationDb.slice(-4);
  const half = Math.floor(steps / 2) * n;
  const raw = sumComponents(scene);
  let dd = 0;
  let uu = 0;
  for (let i = half; i < steps * n; i++) {
    dd += raw[i] ** 2;
    uu += rec.unexpected[i] ** 2;
  }
  const recon = reconstruction(windows ?? [], Math.floor(steps / 2));
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
    predictionError: measured.map((m) => m.predictionError),
    anomaly: measured.map((m) => m.anomaly),
    compression: round(dd / uu),
    compressionDb: round(10 * Math.log10(dd / uu), 2),
    reconstructionError: windows ? round(recon.cortex) : Number.NaN,
    residualOnlyError: round(recon.residual),
    chanceError: windows ? round(recon.chance) : Number.NaN,
    externalGain: round(templateGain(rec.unexpected, scene.components.external, extMask)),
    lastBlocksCv: round(sd / mean),
    reversals,
  };
}

/**
 * learning: the loop; frozen: the cortex's representation never learns; pulse: a content-free
 * control (the filter gets a pulse on one channel at every cortical step, so it gains the extra
 * step-locked timing channel but no knowledge); none: the filter alone, cortex channels silent.
 */
export type CortexCondition = "learning" | "frozen" | "pulse" | "none";

/**
 * One continuous run of the loop on `scene`: the cortex learning, frozen, or absent; `onBlock`
 * gets each block's measures as soon as they are known.
 */
export function runLoop(
  config: CortexLoopConfig,
  scene: Scene,
  condition: CortexCondition,
  onBlock?: (b: number, m: BlockMeasure) => void,
): { run: LoopRun; cortex: LoopCortex } {
  const n = scene.sensoryNames.length;
  const c = scene.contextNames.length;
  const raw = sumComponents(scene);
  const cortex = new LoopCortex(
    n,
    {
      ...config.cortex,
      frozen: condition === "frozen",
      feedback: condition === "pulse" ? "pulse" : config.cortex.feedback,
    },
    config.model.dtMs,
    config.seed,
  );
  const filter = makeFilter(
    scene,
    config.model,
    config.filter,
    config.seed,
    config.backend,
    cortex.names,
  );
  const context = new Float32Array(c + n);
  const lick = scene.contextNames.indexOf("lick");
  const windows = condition === "none" ? null : cortex.windows;
  const meter = new BlockMeter(scene, config.protocol.blocks, windows, onBlock);
  const rec = runScene(filter, scene, Rng.derive(config.seed, "noise:loop"), {
    noiseSd: config.body.noiseSd,
    restingInput: config.body.restingInput,
    contextOf: (t, world) => {
      context.set(world);
      // Without a cortex its channels stay silent (0); otherwise its feedback rates.
      if (condition !== "none") context.set(cortex.beforeStep(t, world[lick]), c);
      return context;
    },
    afterStep: (t, partial) => {
      if (condition !== "none")
        cortex.afterStep(filter.unexpected, raw.subarray(t * n, (t + 1) * n));
      meter.afterStep(t, partial);
    },
  });
  meter.afterStep(scene.steps - 1, rec, true);
  return { run: summarise(scene, rec, windows, meter.measured), cortex };
}

/** The lick scene every condition hears (from the config alone: the same in each unit). */
export function cortexLoopScene(config: CortexLoopConfig) {
  return lickingMouseScene(
    config.world,
    config.model.dtMs,
    config.protocol.durationS * 1000,
    Rng.derive(config.seed, "world:loop"),
  );
}

export const CORTEX_CONDITIONS: readonly CortexCondition[] = [
  "learning",
  "frozen",
  "pulse",
  "none",
];

/** All four conditions on one world; `onBlock` gets each condition's blocks as they are measured. */
export function cortexLoop(
  config: CortexLoopConfig,
  onBlock?: (condition: CortexCondition, b: number, m: BlockMeasure) => void,
): Record<CortexCondition, LoopRun> {
  const scene = cortexLoopScene(config);
  return {
    learning: runLoop(config, scene, "learning", (b, m) => onBlock?.("learning", b, m)).run,
    frozen: runLoop(config, scene, "frozen", (b, m) => onBlock?.("frozen", b, m)).run,
    pulse: runLoop(config, scene, "pulse", (b, m) => onBlock?.("pulse", b, m)).run,
    none: runLoop(config, scene, "none", (b, m) => onBlock?.("none", b, m)).run,
  };
}
