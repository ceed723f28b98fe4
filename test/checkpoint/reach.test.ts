import { describe, it } from "vitest";
import { reach } from "../../src/paradigms/reach/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("reach checkpoint and resume", () => {
  it("a run resumed between subjects writes the files of one that never stopped", async () => {
    const config = reach.resolve({
      animals: 3,
      adaptTrials: 20,
      counterMaxTrials: 10,
      clampTrials: 10,
      relearnTrials: 10,
      model: { granule: { count: 300 } },
    });
    await expectResumeIdentical(reach, config, 1, 2);
  });
});
