/**
 * Reach-adaptation targets (Smith, Ghazizadeh & Shadmehr 2006, PLoS Biol 4:e179), measured on
 * `shoulda run reach`'s protocols (paradigms/reach/protocol.ts). They score published results the
 * team's targets file does not list, so coverage.ts names them in BEYOND_LITERATURE.
 *
 * The claims are ordinal: the paper's curves are not digitised here, and the magnitudes of the
 * rebound and of savings depend on field strength and trial counts [M]. Each target also checks
 * the mechanism: with the slow site (mossy fibre → nucleus) switched off, the effect shrinks.
 */
import { resolveReach } from "../paradigms/reach/config.js";
import { recoveryProtocol, savingsProtocol } from "../paradigms/reach/protocol.js";
import { greater } from "./statistics.js";
import type { Target } from "./types.js";

const round = (x: number, d = 3) => Number(x.toFixed(d));
const SOURCE = "Smith, Ghazizadeh & Shadmehr 2006, PLoS Biol 4:e179";
const standard = () => resolveReach({});
const noNucleus = () => resolveReach({ model: { plasticity: { mfNucleus: { enabled: false } } } });

const spontaneousRecovery: Target = {
  id: "SGS-recovery",
  paradigm: "reach",
  source: SOURCE,
  published:
    "after adaptation to a force field and a brief counter-adaptation that brings the adaptation back to zero, " +
    "error-clamp trials show a rebound of the adaptation toward the first field (spontaneous recovery)",
  tolerance:
    "ORD: in the clamp, the peak of the 5-trial running mean of α exceeds α at the end of the counter-adaptation; " +
    "ORD: that rebound (÷ adapted level) is larger than with the nuclear site off",
  measure(context) {
    const r = recoveryProtocol(standard(), context.seed);
    const ablated = recoveryProtocol(noNucleus(), context.seed);
    return {
      measured: `rebound ${round(r.recoveryFraction, 2)} of the adapted level (${round(ablated.recoveryFraction, 2)} without the nuclear site)`,
      checks: [
        greater("clamp peak α > α after counter-adaptation", r.clampPeak, r.afterCounter),
        greater("rebound: two sites > cortex only", r.recoveryFraction, ablated.recoveryFraction),
      ],
      detail: {
        adapted: round(r.adapted),
        counterTrials: r.counterTrials,
        afterCounter: round(r.afterCounter),
        clampPeak: round(r.clampPeak),
        clampPeakTrial: r.clampPeakTrial,
        recoveryFraction: round(r.recoveryFraction),
        recoveryFractionNoNucleus: round(ablated.recoveryFraction),
      },
    };
  },
};

const savings: Target = {
  id: "SGS-savings",
  paradigm: "reach",
  source: SOURCE,
  published:
    "relearning a force field after it has been counter-adapted back to zero is faster than learning it naively (savings)",
  tolerance:
    "ORD (sign test: trial counts tie): trials to half the adapted level, naive > relearning; " +
    "ORD: the saving (naive − relearning trials) is larger than with the nuclear site off",
  measure(context) {
    const r = savingsProtocol(standard(), context.seed);
    const ablated = savingsProtocol(noNucleus(), context.seed);
    const saved = r.naiveHalfTrials - r.relearnHalfTrials;
    const savedAblated = ablated.naiveHalfTrials - ablated.relearnHalfTrials;
    return {
      measured: `relearning ÷ naive trials to half adaptation ${round(r.savingsRatio, 2)} (${round(ablated.savingsRatio, 2)} without the nuclear site)`,
      checks: [
        greater(
          "trials to half adaptation: naive > relearning",
          r.naiveHalfTrials,
          r.relearnHalfTrials,
          "sign",
        ),
        greater("saving: two sites > cortex only", saved, savedAblated, "sign"),
      ],
      detail: {
        adapted: round(r.adapted),
        counterTrials: r.counterTrials,
        naiveHalfTrials: r.naiveHalfTrials,
        relearnHalfTrials: r.relearnHalfTrials,
        savingsRatio: round(r.savingsRatio),
        savingsRatioNoNucleus: round(ablated.savingsRatio),
      },
    };
  },
};

export const reachTargets: Target[] = [spontaneousRecovery, savings];
