import { describe, expect, it } from "vitest";
import { tinnitus } from "../../src/paradigms/tinnitus/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("tinnitus checkpoint and resume", () => {
  it("a run resumed between its two animals writes the files of one that never stopped", async () => {
    const config = tinnitus.resolve({
      model: { granule: { count: 300 } },
      protocol: { trainS: 4, afterS: 3, blocks: 3, homeostasis: true },
    });
    await expectResumeIdentical(tinnitus, config, 1, 1);
  });

  it("the hyperactivity and therapy groups' animals are units: resumed inside each, the same files", async () => {
    const config = tinnitus.resolve({
      model: { granule: { count: 300 } },
      protocol: {
        trainS: 3,
        afterS: 2,
        blocks: 2,
        homeostasis: false,
        hyperactivity: { animals: 1, tauS: 1, averageS: 0.5 },
        therapy: { animals: 1, therapyS: 1, testS: 1 },
      },
    });
    // Units: the plain run, 3 hyperactivity animals (sham, lossOnly, homeostatic), 4 therapy ones.
    const inHyper = JSON.parse(await expectResumeIdentical(tinnitus, config, 1, 2));
    expect(inHyper.unitsDone).toBe(2);
    expect(inHyper.state.v.hyperactivity.v.sham).toHaveLength(1);
    expect(inHyper.state.v.hyperactivity.v.lossOnly).toHaveLength(0);
    const inTherapy = JSON.parse(await expectResumeIdentical(tinnitus, config, 1, 6));
    expect(inTherapy.state.v.hyperactivity.v.homeostatic).toHaveLength(1);
    expect(inTherapy.state.v.therapy.v.unimodal).toHaveLength(1);
    expect(inTherapy.state.v.therapy.v.bimodalDepress).toHaveLength(0);
  });
});
