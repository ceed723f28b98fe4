import { describe, it } from "vitest";
import { shouldaVsReward } from "../../src/paradigms/shouldaVsReward/index.js";
import { resolveShouldaVsReward } from "../../src/paradigms/shouldaVsReward/simulate.js";
import { expectResumeIdentical } from "./helpers.js";

describe("shoulda-vs-reward checkpoint and resume", () => {
  it("a run resumed after the tuning and one seed writes the files of one that never stopped", async () => {
    const config = resolveShouldaVsReward({
      seeds: 2,
      criterion: { maxTrials: 200 },
      tuning: { seeds: 1, supervisedRates: [0.001, 0.003], rewardStepSizes: [1, 2] },
    });
    // Units: tune shoulda, tune reward, then shoulda and reward per seed (6); stopped after 3.
    await expectResumeIdentical(shouldaVsReward, config, 1, 3);
  });
});
