import { describe, expect, it } from "vitest";
import { resolveVor, vor } from "../../src/paradigms/vor/index.js";
import { expectResumeIdentical, fieldOfAsync, resumeRun } from "./helpers.js";

const config = resolveVor({
  model: { granule: { count: 300 } },
  timeScale: 60,
  test: { everyMinutes: 2, cycles: 1, traceCycles: 1 },
  conditions: [
    { name: "x2", phases: [{ name: "training", optics: "x2", head: "moving", minutes: 4 }] },
    {
      name: "x0_5",
      phases: [
        { name: "training", optics: "x0_5", head: "moving", minutes: 4 },
        { name: "dark", optics: "dark", head: "still", minutes: 2 },
      ],
    },
  ],
});

describe("vor checkpoint and resume", () => {
  it("a run resumed mid-condition writes the files of one that never stopped", async () => {
    // Units: x2 baseline, 2 blocks, end (4); x0_5 baseline, 2 + 1 blocks, end. Stop in x0_5's dark phase.
    const saved = await expectResumeIdentical(vor, config, 1, 8);
    const other = resolveVor({ ...config, seed: 2 });
    expect(await fieldOfAsync(() => resumeRun(vor, other, saved, 1))).toBe(
      "checkpoint.state.configHash",
    );
  });
});
