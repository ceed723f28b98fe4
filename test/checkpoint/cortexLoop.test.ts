import { describe, it } from "vitest";
import { cortexLoopParadigm as cortexLoop } from "../../src/paradigms/cortexLoop/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("cortex-loop checkpoint and resume", () => {
  it("a run resumed between conditions writes the files of one that never stopped", async () => {
    const config = cortexLoop.resolve({
      model: { granule: { count: 300 } },
      protocol: { durationS: 4, blocks: 4 },
      world: { song: { switchAtS: 2 } },
    });
    // Units: learning, frozen, pulse, none; stopped after frozen.
    await expectResumeIdentical(cortexLoop, config, 1, 2);
  });
});
