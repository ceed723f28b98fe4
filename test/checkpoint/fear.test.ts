import { describe, expect, it } from "vitest";
import { fearDesign, fearTrial } from "../../src/paradigms/fear/experiments.js";
import { fear } from "../../src/paradigms/fear/index.js";
import { checkpointAt, expectResumeIdentical, fieldOfAsync, resumeRun } from "./helpers.js";

const config = fear.resolve({
  experiment: fearDesign([
    { name: "cond", trials: 4, types: [fearTrial({ cues: "T", us: 1 })] },
    { name: "ext", trials: 3, types: [fearTrial({ cues: "T" })], context: "B" },
  ]).experiment,
});

describe("fear checkpoint and resume", () => {
  it("a run resumed across the phase boundary writes the files of one that never stopped", async () => {
    // Stopped after trial 4, the last of conditioning: the resumed run must still rest between phases.
    await expectResumeIdentical(fear, config, 2, 4);
  });

  it("refuses a checkpoint of another paradigm, and a tampered state, naming the field", async () => {
    const saved = await checkpointAt(fear, config, 3, 3);
    const state = JSON.parse(saved);
    expect(
      await fieldOfAsync(() => resumeRun(fear, { ...config, paradigm: "vor" } as never, saved, 3)),
    ).toBe("checkpoint.state.paradigm");
    const late = JSON.stringify({ ...state, unitsDone: 99 });
    expect(await fieldOfAsync(() => resumeRun(fear, config, late, 3))).toBe(
      "checkpoint.state.unitsDone",
    );
  });
});
