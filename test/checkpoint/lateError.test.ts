import { describe, it } from "vitest";
import { lateError } from "../../src/paradigms/lateError/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("late-error checkpoint and resume", () => {
  it("a run resumed between animals writes the files of one that never stopped", async () => {
    const config = lateError.resolve({
      animals: 1,
      trainingTrials: 4,
      gapsMs: [0, 100],
      visibleMsList: [50],
      model: { granule: { count: 300 } },
    });
    // 4 conditions × 2 gaps + 2 × 1 visibility = 10 animals; stopped after 6.
    await expectResumeIdentical(lateError, config, 3, 6);
  });
});
