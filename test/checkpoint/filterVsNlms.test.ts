import { describe, expect, it } from "vitest";
import { filterVsNlms } from "../../src/paradigms/filterVsNlms/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("filter-vs-nlms checkpoint and resume", () => {
  it("a run resumed between animals of a law writes the files of one that never stopped", async () => {
    const config = filterVsNlms.resolve({
      model: { granule: { count: 300 } },
      protocol: {
        trainS: 3,
        testS: 2,
        animals: 2,
        laws: [{ kind: "gated" }, { kind: "threshold" }],
      },
    });
    // Units: law × animal (laws outer); stopped inside the second law (the snapshot wraps objects as { $, v }).
    const saved = JSON.parse(await expectResumeIdentical(filterVsNlms, config, 1, 3));
    expect(saved.unitsDone).toBe(3);
    expect(saved.state.v.scores.map((s: unknown[]) => s.length)).toEqual([2, 1]);
  });
});
