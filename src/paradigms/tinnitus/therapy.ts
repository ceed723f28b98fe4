/**
 * D5 as a model experiment (Marks et al. 2018 gave LTD-targeted bimodal stimulation; here a MODEL
 * PREDICTION, not a validation): after hearing loss with the homeostatic gain, does stimulation
 * that pairs somatosensory input with sound at the order that depresses reduce the phantom, where
 * sound alone does not?
 *
 * In the filter the learned prediction at lag τ after a somatic event changes by Δŷ(τ) ∝ u(τ)·g(τ)
 * (olive Δ = 0): it is depressed where the somatic input's granule activity meets *less* sound than
 * predicted (u < 0) and held up where it meets the predicted sound. So:
 *   none             the therapy period passes in a quiet room with nothing delivered
 *   unimodal         sound bursts in the lost band at random times (no somatic input)
 *   bimodalDepress   a somatic pulse (the lick/jaw afferents, as trigeminal stimulation) with the
 *                    sound *leading* it by `leadMs` — the sound ends before the pulse's granule
 *                    activity, so the predicted lick-sound time after the pulse meets silence
 *   bimodalEnhance   the same pulse with the sound at the lick sound's own lag after it (the
 *                    order that keeps the prediction)
 * Stimuli come at `rateHz` during `therapyS`. The phantom is scored after therapy in a test block
 * of natural licking in silence, learning and homeostasis frozen:
 *   phantomIndex     RMS of the lick-locked average of u in the lost channels / RMS of the
 *                    pre-loss lick-locked sound there (1 = as loud as the lost sound, 0 = none)
 *   spontaneousRate  mean output rate in silence in the lost channels (baseline coding)
 */
import { HomeostaticGain } from "../../brain/homeostaticGain.js";
import { Rng } from "../../model/rng.js";
import { lickingMouseScene } from "../../world/lickingMouse.js";
import { runScene, type Scene } from "../../world/scene.js";
import { eventMask, makeFilter, round } from "../filter/common.js";
import type { TinnitusConfig } from "./config.js";
import { lickLockedMean, rms } from "./experiments.js";

export type TherapyGroup = "none" | "unimodal" | "bimodalDepress" | "bimodalEnhance";
export const THERAPY_GROUPS: readonly TherapyGroup[] = [
  "none",
  "unimodal",
  "bimodalDepress",
  "bimodalEnhance",
];

export interface TherapyScore {
  /** Phantom index before therapy (end of the loss period) and after it. */
  phantomBefore: number;
  phantomAfter: number;
  spontaneousRate: number;
  centralGain: number;
}

/** Somatic pulses (lick/jaw context of a mean lick) and sound bursts into a quiet scene. */
function addStimulation(s: Scene, group: TherapyGroup, config: TinnitusConfig, seed: number) {
  const t = config.protocol.therapy;
  const w = config.world;
  const dt = config.model.dtMs;
  const n = s.sensoryNames.length;
  const C = s.contextNames.length;
  const rng = Rng.derive(seed, "therapy:times");
  const lost = config.protocol.lostChannels.filter((j) => j < n);
  const period = Math.round(1000 / t.rateHz / dt);
  const burst = Math.max(1, Math.round(t.soundMs / dt));
  const command = Math.max(1, Math.round(w.commandMs / dt));
  const open = Math.round((0.8 * 1000) / 7 / dt);
  const jawMax = Math.min(1, w.jawPerForce);
  const sound = (start: number) => {
    for (let k = 0; k < burst; k++) {
      const at = start + k;
      if (at < 0 || at >= s.steps) continue;
      for (const j of lost) s.components.paired[at * n + j] += t.soundLevel;
    }
  };
  for (let at = period; at + open < s.steps; at += period) {
    if (group === "none") continue;
    if (group === "unimodal") {
      sound(at + Math.floor(rng.uniform() * period) - Math.floor(period / 2));
      continue;
    }
    for (let k = 0; k < command; k++) s.context[(at + k) * C] = 1;
    for (let k = 0; k < open; k++)
      s.context[(at + k) * C + 1] = jawMax * Math.sin((Math.PI * k) / open) ** 2;
    s.events.push({ kind: "stimulus", step: at, length: open });
    const lag = group === "bimodalDepress" ? -t.leadMs : w.contactMs;
    sound(at + Math.round(lag / dt));
  }
}

export function therapyAnimal(
  config: TinnitusConfig,
  group: TherapyGroup,
  seed: number,
): TherapyScore {
  const p = config.protocol;
  const dt = config.model.dtMs;
  const quiet = { externalRateHz: 0, playbackRateHz: 0 };
  const scene = (name: string, s: number, extra: Record<string, unknown> = {}) =>
    lickingMouseScene(
      { ...config.world, ...extra },
      dt,
      s * 1000,
      Rng.derive(seed, `world:${name}`),
    );
  const train = scene("train", p.trainS);
  const n = train.sensoryNames.length;
  const lost = p.lostChannels.filter((j) => j < n);
  const filter = makeFilter(train, config.model, config.filter, seed, config.backend);
  const path = new HomeostaticGain(
    filter,
    {
      tauMs: p.hyperactivity.tauS * 1000,
      averageMs: p.hyperactivity.averageS * 1000,
      maxGain: p.maxCentralGain,
      channels: lost,
    },
    dt,
  );
  const body = { noiseSd: config.body.noiseSd, restingInput: config.body.restingInput };
  const noise = (name: string) => Rng.derive(seed, `noise:${name}`);
  runScene(path, train, noise("train"), body);
  path.fixSetPoint();
  const window = Math.round(200 / dt);
  const lickLocked = (s: Scene, series: ArrayLike<number>) =>
    lickLockedMean(s, series, n, lost, window);
  const soundRms = rms(lickLocked(train, train.components.self));
  const inputGain = Array.from({ length: n }, (_, j) => (lost.includes(j) ? p.lossGain : 1));
  const loss = scene("after", p.afterS);
  const lossRec = runScene(path, loss, noise("after"), { ...body, inputGain });
  const phantomBefore = rms(lickLocked(loss, lossRec.unexpected)) / soundRms;
  const therapy = scene("therapy", p.therapy.therapyS, { ...quiet, licking: false });
  addStimulation(therapy, group, config, seed);
  runScene(path, therapy, noise("therapy"), { ...body, inputGain });
  // Test: natural licking in silence; learning and the gain frozen so the test does not treat.
  path.learning = false;
  path.adapting = false;
  const frozen = new Float64Array(path.gain);
  const test = scene("test", p.therapy.testS, quiet);
  const testRec = runScene(path, test, noise("test"), { ...body, inputGain });
  const busy = eventMask(test, test.events, { to: Math.round(50 / dt) });
  let sum = 0;
  let count = 0;
  const f = config.filter;
  for (let t = 0; t < test.steps; t++)
    if (!busy[t * n])
      for (const j of lost) {
        const i = t * n + j;
        sum += Math.max(
          0,
          f.outputBaseline +
            f.unexpectedGain * testRec.unexpected[i] +
            f.expectedGain * testRec.prediction[i],
        );
        count++;
      }
  return {
    phantomBefore: round(phantomBefore, 4),
    phantomAfter: round(rms(lickLocked(test, testRec.unexpected)) / soundRms, 4),
    spontaneousRate: round(sum / Math.max(1, count), 4),
    centralGain: round(lost.reduce((a, j) => a + frozen[j], 0) / Math.max(1, lost.length), 4),
  };
}
