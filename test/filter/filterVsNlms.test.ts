/** `filter-vs-nlms`: the graded granule filter against NLMS on a nonlinear lick-sound law. */
import { describe, expect, it } from "vitest";
import { scoreAnimal } from "../../src/paradigms/filterVsNlms/experiments.js";
import { filterVsNlms } from "../../src/paradigms/filterVsNlms/index.js";

describe("filter-vs-nlms", () => {
  it("defaults to the graded code over threshold-encoded fibres and three nonlinear laws", () => {
    const c = filterVsNlms.resolve({});
    expect(c.model.granule.output).toBe("graded");
    expect(c.model.mossy.encoding).toBe("threshold");
    expect(c.protocol.laws.map((l) => l.kind)).toEqual(["threshold", "gated", "jawForce"]);
    expect(c.protocol.animals).toBe(8);
    expect(c.world.chewing.enabled).toBe(false);
  });

  it("scores both paths on the same scenes; same seed, same scores", () => {
    const c = filterVsNlms.resolve({ protocol: { trainS: 8, testS: 4 } });
    const a = scoreAnimal(c, c.protocol.laws[0], 4);
    expect(Number.isFinite(a.filter.cancellationDb)).toBe(true);
    expect(Number.isFinite(a.nlms.cancellationDb)).toBe(true);
    expect(a.filter.cancellationDb).not.toBe(a.nlms.cancellationDb);
    // External sounds pass the granule filter: within 1.5 dB of unchanged.
    expect(Math.abs(a.filter.passThroughDb)).toBeLessThan(1.5);
    expect(scoreAnimal(c, c.protocol.laws[0], 4)).toEqual(a);
  });

  it("a run writes per-law margins with CIs over its animals, the per-animal table and figures", async () => {
    const c = filterVsNlms.resolve({
      protocol: { trainS: 4, testS: 2, animals: 2, laws: [{ kind: "gated" }] },
    });
    const { summary, files } = await filterVsNlms.run(c);
    expect(summary.seeds).toEqual([1, 2]);
    const [law] = summary.laws;
    expect(law.law.kind).toBe("gated");
    expect(law.marginDb.n).toBe(2);
    expect(law.marginDb.low).toBeLessThanOrEqual(law.marginDb.mean);
    expect(law.marginDb.mean).toBeCloseTo(law.filterDb.mean - law.nlmsDb.mean, 1);
    expect(files.map((f) => f.name)).toEqual([
      "animals.csv",
      "margins.svg",
      "cancellation.svg",
      "learning.svg",
    ]);
    const csv = String(files[0].data).trim().split("\n");
    expect(csv).toHaveLength(3);
    expect(csv[0]).toContain("marginDb");
  });
});
