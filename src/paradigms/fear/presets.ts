/** The fear paradigm's named designs: one animal each (the scorecard runs groups of animals). */

import {
  blockingDesign,
  contingencyDesign,
  extinctionDesign,
  inhibitionDesign,
  overexpectationDesign,
  overshadowingDesign,
  reinstatementDesign,
} from "./designs.js";
import { type FearDesign, fearDesign, fearTrial } from "./experiments.js";
import type { FearPresetName } from "./index.js";

const T = (us?: number) => fearTrial({ cues: "T", us });

export function presetDesign(name: FearPresetName): FearDesign {
  switch (name) {
    case "renewal":
      // Conditioning in A, extinction in B a day later, recall in B the next day, then (2 h
      // later) the same CS in A: acquisition, extinction, spontaneous recovery and ABA renewal.
      return fearDesign(
        [
          { name: "conditioning", trials: 5, types: [T(1)], context: "A" },
          { name: "extinction", trials: 20, types: [T()], context: "B" },
          { name: "recall", trials: 4, types: [T()], context: "B" },
          { name: "renewal", trials: 4, types: [T()], context: "A", gapHours: 2 },
        ],
        "conditioning, extinction, recall and ABA renewal",
      );
    case "blocking":
      return blockingDesign("blocked");
    case "overshadowing":
      return overshadowingDesign("compound", "A");
    case "overexpectation":
      return overexpectationDesign("overexpectation", "A");
    case "inhibition":
      return inhibitionDesign("BX");
    case "contingency":
      return contingencyDesign(0, "BX");
    case "reinstatement":
      return reinstatementDesign("A");
    case "recovery":
      return extinctionDesign({ extinctionContext: "A", testGapHours: 168, testTrials: 4 });
  }
}
