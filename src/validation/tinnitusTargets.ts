/**
 * Tinnitus targets (docs/literature.md §4.2), ordinal only, on the tinnitus paradigm's default
 * configuration (no per-target tuning). D4 is a qualitative physiological result the model is
 * checked against; D5 is scored as a MODEL PREDICTION: the therapy's mechanism in the model (the
 * filter's own learning rule) is not the one Marks et al. 2018 propose, so a pass is not a
 * validation of it.
 */

import { hyperactivityAnimal } from "../paradigms/tinnitus/hyperactivity.js";
import { tinnitus } from "../paradigms/tinnitus/index.js";
import { therapyAnimal } from "../paradigms/tinnitus/therapy.js";
import { greater, within } from "./statistics.js";
import type { Target } from "./types.js";

const config = (seed: number) => tinnitus.resolve({ seed });

const D4: Target = {
  id: "D4",
  paradigm: "tinnitus",
  source: "Wu, Martel & Shore 2016, J Neurosci 36:2068",
  published:
    "fusiform cells of tinnitus animals: raised spontaneous rate and cross-unit synchrony; SFR(tinnitus) > SFR(no tinnitus) ≈ SFR(sham)",
  tolerance:
    "ORD, lost channels, silence, last half of 60 s after the loss: SFR(loss + homeostatic gain) > SFR(loss, no gain) and > SFR(sham); " +
    "synchrony (mean pairwise r) likewise; SFR(loss, no gain) ÷ SFR(sham) in [0.98, 1.02] (≈: within 2 % of the spontaneous rate)",
  measure({ seed }) {
    const c = config(seed);
    const sham = hyperactivityAnimal(c, "sham", seed);
    const lossOnly = hyperactivityAnimal(c, "lossOnly", seed);
    const tinnitusLike = hyperactivityAnimal(c, "homeostatic", seed);
    return {
      measured: `SFR ${tinnitusLike.spontaneousRate} vs ${lossOnly.spontaneousRate} vs ${sham.spontaneousRate}`,
      checks: [
        greater(
          "SFR: homeostatic > loss without gain",
          tinnitusLike.spontaneousRate,
          lossOnly.spontaneousRate,
        ),
        greater("SFR: homeostatic > sham", tinnitusLike.spontaneousRate, sham.spontaneousRate),
        greater(
          "synchrony: homeostatic > loss without gain",
          tinnitusLike.synchrony,
          lossOnly.synchrony,
        ),
        greater("synchrony: homeostatic > sham", tinnitusLike.synchrony, sham.synchrony),
        within(
          "SFR: loss without gain ≈ sham (ratio in [0.98, 1.02])",
          lossOnly.spontaneousRate / sham.spontaneousRate,
          [0.98, 1.02],
        ),
      ],
      detail: { sham, lossOnly, homeostatic: tinnitusLike },
    };
  },
};

const D5: Target = {
  id: "D5",
  paradigm: "tinnitus",
  source: "Marks et al. 2018, Sci Transl Med 10:eaal3175 — scored as a MODEL PREDICTION",
  published:
    "LTD-targeted bimodal (sound + somatosensory) stimulation reduced signs of tinnitus; unimodal sound did nothing",
  tolerance:
    "ORD (model prediction): after the loss with the homeostatic gain, 20 s of somatic pulses at 2 Hz with the sound leading " +
    "(the order that depresses the learned prediction) leaves a smaller lick-locked phantom than no stimulation and than " +
    "sound alone (frozen test of 10 s)",
  measure({ seed }) {
    const c = config(seed);
    const none = therapyAnimal(c, "none", seed);
    const unimodal = therapyAnimal(c, "unimodal", seed);
    const bimodal = therapyAnimal(c, "bimodalDepress", seed);
    return {
      measured: `phantom ${bimodal.phantomAfter} (bimodal) vs ${unimodal.phantomAfter} (sound) vs ${none.phantomAfter} (none)`,
      checks: [
        greater("bimodal (depressing order) < none", none.phantomAfter, bimodal.phantomAfter),
        greater(
          "bimodal (depressing order) < sound alone",
          unimodal.phantomAfter,
          bimodal.phantomAfter,
        ),
      ],
      detail: { none, unimodal, bimodalDepress: bimodal },
    };
  },
};

export const tinnitusTargets: Target[] = [D4, D5];
