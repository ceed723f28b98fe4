import { describe, it } from "vitest";
import { ell } from "../../src/paradigms/ell/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("ell checkpoint and resume", () => {
  it("a run resumed between experiments writes the files of one that never stopped", async () => {
    const config = ell.resolve({
      protocol: { pairingS: 2, decayS: 1, blockS: 1, testS: 1, delaysMs: [50] },
      model: { granule: { count: 300 } },
    });
    // Units: negative image, time course, temporal basis, detection, additivity; stopped after 2.
    await expectResumeIdentical(ell, config, 2, 2);
  });
});
