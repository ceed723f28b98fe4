import { describe, expect, it } from "vitest";
import { thoughtAssessor } from "../../src/paradigms/thoughtAssessor/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("thought-assessor checkpoint and resume", () => {
  it("a run resumed between conditions writes the files of one that never stopped", async () => {
    const config = thoughtAssessor.resolve({
      protocol: { trialsPerType: 2, itiMinS: 6, itiMaxS: 7 },
      cerebellum: {
        mossy: { count: 128, fibresPerChannel: 4 },
        basis: { bumps: 4 },
        granule: { count: 200 },
      },
      amygdala: { la: { count: 100 }, itc: { count: 100 } },
    });
    // Units: context, frozen, raw; stopped after the frozen condition.
    const saved = JSON.parse(await expectResumeIdentical(thoughtAssessor, config, 1, 2));
    expect(saved.unitsDone).toBe(2);
    expect(saved.state.v.done).toHaveLength(2);
  });
});
