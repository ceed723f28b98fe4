import { describe, expect, it } from "vitest";
import { getParadigm } from "../../src/paradigms/registry.js";
import { compare, shouldaVsReward, summarize } from "../../src/paradigms/shouldaVsReward/index.js";
import {
  evaluationSeeds,
  resolveShouldaVsReward,
  runReward,
  runShoulda,
  tuningSeeds,
} from "../../src/paradigms/shouldaVsReward/simulate.js";
import { fieldOf } from "../configErrors.js";

/** A small version: 2 evaluation seeds, 1 tuning seed, 2-point grids. */
const small = () =>
  resolveShouldaVsReward({
    seeds: 2,
    criterion: { maxTrials: 300 },
    tuning: { seeds: 1, supervisedRates: [0.001, 0.003], rewardStepSizes: [1, 2] },
  });

describe("shoulda-vs-reward paradigm", () => {
  it("is registered; bad config → ConfigError naming the field", () => {
    expect(getParadigm("shoulda-vs-reward")).toBe(shouldaVsReward);
    const c = resolveShouldaVsReward({});
    expect(c.seeds).toBe(5);
    expect(c.loop.errorDelayMs).toBe(100);
    expect(fieldOf(() => resolveShouldaVsReward({ seeds: 0 }))).toBe("seeds");
    expect(fieldOf(() => resolveShouldaVsReward({ criterion: { threshold: -1 } }))).toBe(
      "criterion.threshold",
    );
    expect(fieldOf(() => resolveShouldaVsReward({ tuning: { rewardStepSizes: [] } }))).toBe(
      "tuning.rewardStepSizes",
    );
    expect(fieldOf(() => resolveShouldaVsReward({ reward: { noise: 0 } }))).toBe("reward.noise");
    expect(fieldOf(() => resolveShouldaVsReward({ task: { speed: 1 } }))).toBe("task.speed");
    expect(fieldOf(() => resolveShouldaVsReward({ reward: { feedback: "often" } }))).toBe(
      "reward.feedback",
    );
    expect(fieldOf(() => resolveShouldaVsReward({ scoring: "noisy" }))).toBe("scoring");
  });

  it("per-step reward: learns from a scalar every step, scored on probe trials without exploration", () => {
    const c = resolveShouldaVsReward({
      reward: { feedback: "step" },
      scoring: "probe",
      criterion: { maxTrials: 150 },
    });
    const seed = evaluationSeeds(c)[0];
    const r = runReward(c, seed, 0.03);
    // Measured (docs/motor.md "Fair baselines"): 44–204 trials at the tuned η = 0.05, 85 at
    // η = 0.03 on a pilot seed; a frozen learner never gets there.
    expect(r.reached).toBe(true);
    expect(r.errors[0]).toBeGreaterThan(c.criterion.threshold * 2);
    expect(runReward(c, seed, 0)).toMatchObject({ reached: false });
    const s = runShoulda(c, seed, 0.003);
    expect(s.reached).toBe(true);
    expect(s.trials).toBeLessThan(r.trials);
  });

  it("tuning seeds are held out from the evaluation seeds", () => {
    const c = resolveShouldaVsReward({});
    const evaluation = new Set(evaluationSeeds(c));
    expect(evaluation.size).toBe(5);
    for (const s of tuningSeeds(c)) expect(evaluation.has(s)).toBe(false);
  });

  it("the supervised learner reaches criterion; same seed → same result", () => {
    const c = small();
    const seed = evaluationSeeds(c)[0];
    const a = runShoulda(c, seed, 0.003);
    expect(a.reached).toBe(true);
    expect(a.trials).toBeLessThan(30);
    expect(a.errors[0]).toBeGreaterThan(c.criterion.threshold * 2); // the task starts hard
    expect(runShoulda(c, seed, 0.003)).toEqual(a);
    const r = runReward(c, seed, 2);
    expect(runReward(c, seed, 2)).toEqual(r);
  });

  it("the comparison is computed from real runs", async () => {
    const c = small();
    const cmp = compare(c);
    const s = summarize(cmp);
    const { threshold, consecutive } = c.criterion;
    for (const r of [...cmp.shoulda, ...cmp.reward]) {
      expect(r.errors.length).toBe(r.trials);
      if (r.reached) {
        const last = r.errors.slice(-consecutive);
        expect(last.every((e) => e < threshold)).toBe(true);
        expect(r.errors.slice(0, -consecutive).some((e) => e >= threshold)).toBe(true);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(s.ratio).toBeCloseTo(
      mean(cmp.reward.map((r) => r.trials)) / mean(cmp.shoulda.map((r) => r.trials)),
      12,
    );
    // Re-running one learner at the chosen step size gives the same count.
    expect(runReward(c, cmp.seeds[1], cmp.bestRewardStepSize).trials).toBe(cmp.reward[1].trials);
    // The paradigm's outputs carry the same numbers.
    const out = await shouldaVsReward.run(c);
    expect(out.summary.ratio).toBe(s.ratio);
    expect(out.files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "trials.csv",
        "tuning.csv",
        "curves.csv",
        "trials.svg",
        "curves.svg",
      ]),
    );
    expect(out.files.find((f) => f.name === "trials.svg")?.data).toContain("<svg");
    // The supervised learner needs fewer trials than the reward learner on every seed.
    expect(s.ratioPerSeed.every((x) => x > 1)).toBe(true);
  });
});
