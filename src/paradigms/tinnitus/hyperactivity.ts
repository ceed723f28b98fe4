/**
 * Hyperactivity after hearing loss from the homeostatic gain (brain/homeostaticGain.ts) — model
 * checks against D2 and D4 (literature.md §4.2), ordinal only.
 *
 * One animal, three groups on the same scenes and seeds:
 *   sham          normal hearing throughout (homeostasis on, set point fixed at the same time)
 *   lossOnly      the lost channels keep `lossGain` of their driven input; no homeostasis
 *                 ("exposed, no tinnitus": the gain did not engage)
 *   homeostatic   the same loss, and the homeostatic gain on the lost channels ("tinnitus")
 * Train with normal hearing (trainS), fix the set point, then afterS with the loss, learning on.
 * Scored over the last `scoreFraction` of the post-loss period, in the lost channels, on the
 * output rate r = [ρ₀ + G·u + E·ŷ]₊ (baseline coding):
 *   spontaneousRate  mean r in silence (no event within 50 ms)                        (D4: SFR)
 *   synchrony        mean pairwise Pearson r between lost channels' outputs in silence  (D4)
 *   lickSynchrony    the same over licking periods (somatosensory drive, no external sound)
 *   suppression      1 − template gain of the (remaining) lick sound in the output        (D2)
 *   centralGain      mean h over the lost channels at the end
 */
import { pearson } from "../../analysis/pearson.js";
import { templateGain } from "../../analysis/templateGain.js";
import { HomeostaticGain } from "../../brain/homeostaticGain.js";
import { Rng } from "../../model/rng.js";
import { lickingMouseScene } from "../../world/lickingMouse.js";
import { runScene, type Scene, type SceneRecord } from "../../world/scene.js";
import { eventMask, makeFilter, round } from "../filter/common.js";
import type { TinnitusConfig } from "./config.js";

export type HyperactivityGroup = "sham" | "lossOnly" | "homeostatic";
export const HYPERACTIVITY_GROUPS: readonly HyperactivityGroup[] = [
  "sham",
  "lossOnly",
  "homeostatic",
];

export interface HyperactivityScore {
  spontaneousRate: number;
  synchrony: number;
  lickSynchrony: number;
  suppression: number;
  centralGain: number;
}

/** Output rate of the baseline coding from u and ŷ (analyses recompute it from the record). */
function rates(config: TinnitusConfig, rec: SceneRecord): Float64Array {
  const f = config.filter;
  return Float64Array.from(rec.unexpected, (u, i) =>
    Math.max(0, f.outputBaseline + f.unexpectedGain * u + f.expectedGain * rec.prediction[i]),
  );
}

function meanPairwise(
  r: Float64Array,
  n: number,
  channels: number[],
  keep: (t: number) => boolean,
  steps: number,
) {
  const series = channels.map((j) => {
    const v: number[] = [];
    for (let t = 0; t < steps; t++) if (keep(t)) v.push(r[t * n + j]);
    return v;
  });
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < series.length; a++)
    for (let b = a + 1; b < series.length; b++) {
      const c = pearson(series[a], series[b]);
      if (Number.isFinite(c)) {
        sum += c;
        pairs++;
      }
    }
  return pairs > 0 ? sum / pairs : Number.NaN;
}

export function hyperactivityAnimal(
  config: TinnitusConfig,
  group: HyperactivityGroup,
  seed: number,
): HyperactivityScore {
  const p = config.protocol;
  const h = p.hyperactivity;
  const dt = config.model.dtMs;
  const scene = (name: string, s: number) =>
    lickingMouseScene(config.world, dt, s * 1000, Rng.derive(seed, `world:${name}`));
  const train = scene("train", p.trainS);
  const after = scene("after", p.afterS);
  const n = train.sensoryNames.length;
  const lost = p.lostChannels.filter((j) => j < n);
  const filter = makeFilter(train, config.model, config.filter, seed, config.backend);
  const path = new HomeostaticGain(
    filter,
    {
      tauMs: h.tauS * 1000,
      averageMs: h.averageS * 1000,
      maxGain: p.maxCentralGain,
      channels: group === "homeostatic" || group === "sham" ? lost : [],
    },
    dt,
  );
  const body = { noiseSd: config.body.noiseSd, restingInput: config.body.restingInput };
  runScene(path, train, Rng.derive(seed, "noise:train"), body);
  path.fixSetPoint();
  const inputGain = Array.from({ length: n }, (_, j) =>
    group !== "sham" && lost.includes(j) ? p.lossGain : 1,
  );
  const rec = runScene(path, after, Rng.derive(seed, "noise:after"), { ...body, inputGain });
  return scoreAfter(config, after, rec, lost, path.gain);
}

function scoreAfter(
  config: TinnitusConfig,
  s: Scene,
  rec: SceneRecord,
  lost: number[],
  gain: Float64Array,
): HyperactivityScore {
  const n = s.sensoryNames.length;
  const dt = config.model.dtMs;
  const from = Math.floor(s.steps * (1 - config.protocol.hyperactivity.scoreFraction));
  const busy = eventMask(s, s.events, { to: Math.round(50 / dt) });
  const licking = eventMask(
    s,
    s.events.filter((e) => e.kind === "lick"),
  );
  const external = eventMask(
    s,
    s.events.filter((e) => e.kind === "external"),
  );
  const r = rates(config, rec);
  const silent = (t: number) => t >= from && !busy[t * n];
  const lickOnly = (t: number) => t >= from && licking[t * n] === 1 && !external[t * n];
  let sum = 0;
  let count = 0;
  for (let t = from; t < s.steps; t++)
    if (silent(t))
      for (const j of lost) {
        sum += r[t * n + j];
        count++;
      }
  // The lick sound that actually reached the lost channels is the scene's × the channel gain;
  // its template is the scene's own, so the gain of u on it measures relative suppression.
  const lickMask = new Uint8Array(s.steps * n);
  for (let t = from; t < s.steps; t++)
    if (lickOnly(t)) for (const j of lost) lickMask[t * n + j] = 1;
  const passed = templateGain(rec.unexpected, s.components.self, lickMask);
  const delivered = templateGain(rec.input, s.components.self, lickMask);
  return {
    spontaneousRate: round(sum / Math.max(1, count), 4),
    synchrony: round(meanPairwise(r, n, lost, silent, s.steps), 4),
    lickSynchrony: round(meanPairwise(r, n, lost, lickOnly, s.steps), 4),
    suppression: round(1 - passed / delivered, 4),
    centralGain: round(lost.reduce((a, j) => a + gain[j], 0) / Math.max(1, lost.length), 4),
  };
}
