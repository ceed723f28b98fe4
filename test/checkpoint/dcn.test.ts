import { describe, it } from "vitest";
import { dcn } from "../../src/paradigms/dcn/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("dcn checkpoint and resume", () => {
  it("a run resumed between experiments writes the files of one that never stopped", async () => {
    const config = dcn.resolve({
      model: { granule: { count: 300 } },
      protocol: {
        trainS: 4,
        testS: 3,
        deafS: 2,
        pairingPretrainS: 1,
        pairingBlocks: 2,
        pairingBlockS: 1,
        probeS: 1,
      },
    });
    // Units: main, paired, unpaired, specificity; stopped after paired.
    await expectResumeIdentical(dcn, config, 1, 2);
  });
});
