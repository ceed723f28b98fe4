import { describe, it } from "vitest";
import { mouse } from "../../src/paradigms/mouse/index.js";
import { smallMouse } from "../mouse/helpers.js";
import { expectResumeIdentical } from "./helpers.js";

describe("mouse checkpoint and resume", () => {
  it("a life resumed mid-way writes the files of one that never stopped", async () => {
    const config = smallMouse({
      durationMin: 0.25,
      filterModel: { granule: { count: 300 } },
      cerebellum: { granule: { count: 300 } },
      amygdala: { la: { count: 200 }, itc: { count: 200 } },
      analysis: { windowS: 5, probeS: 0.5 },
    });
    // Units: 5-s windows (3); stopped after the second, mid-visit.
    await expectResumeIdentical(mouse, config, 1, 2, ["speed"]);
  });
});
