import { describe, expect, it } from "vitest";
import { summarisePhases } from "../../src/paradigms/eyeblink/analyse.js";
import { simulateEyeblink } from "../../src/paradigms/eyeblink/experiments.js";
import { eyeblink } from "../../src/paradigms/eyeblink/index.js";

/**
 * Issue #18 item 6: learning should not hinge on the US's duration (50 vs 100 ms, both used by
 * published protocols). Small n on purpose, to stay short: 1000 granule cells, ISI 500,
 * ITI 1500 ± 500 ms (a published ITI), 150 trials, seeds 1, 3 and 4 (seed 2 of this small
 * network learns with neither drive). Measured when written (trials to criterion, 50 / 100-ms
 * US, seeds 1, 3, 4): sustained 140 / 62, never / 87, never / 70 (mean |Δ| 74 with never =
 * 151); onset 63 / 63, 100 / 89, 79 / 73 (mean |Δ| 5.7). docs/eyeblink.md has the full-size
 * numbers.
 */
const TRIALS = 150;
const SEEDS = [1, 3, 4];

function trialsToCriterion(usDrive: string, usMs: number, seed: number): number {
  const design = `${TRIALS} T+(isi=500, usdur=${usMs}, iti=1500, jitter=500)`;
  const { experiment, analysis } = eyeblink.resolve({ experiment: { design } });
  const { rows } = simulateEyeblink(experiment, seed, {
    granule: { count: 1000 },
    olive: { usDrive },
  });
  const ttc = summarisePhases(rows, analysis)[0].trialsToCriterion;
  // Not reached: censored at one past the session.
  return ttc ?? TRIALS + 1;
}

/** Mean |TTC(50 ms) − TTC(100 ms)| over the seeds. */
function usSensitivity(usDrive: string): number {
  let sum = 0;
  for (const seed of SEEDS)
    sum += Math.abs(trialsToCriterion(usDrive, 50, seed) - trialsToCriterion(usDrive, 100, seed));
  return sum / SEEDS.length;
}

describe("eyeblink: trials to criterion with a 50- vs 100-ms US", () => {
  it("are closer with the onset olive drive than with the sustained one", () => {
    const sustained = usSensitivity("sustained");
    const onset = usSensitivity("onset");
    expect(onset).toBeLessThan(sustained);
    // And close in absolute terms: a few trials, not tens.
    expect(onset).toBeLessThan(10);
  }, 120_000);
});
