import { describe, expect, it } from "vitest";
import { RescorlaWagner, rescorlaWagnerParamsSchema } from "../../src/brain/rescorlaWagner.js";
import { blockingDesign } from "../../src/paradigms/fear/designs.js";
import { simulateRescorlaWagner } from "../../src/paradigms/fear/rescorlaWagnerRun.js";

const rw = (params = {}) => new RescorlaWagner(rescorlaWagnerParamsSchema.parse(params));
const cue = (name: string, alpha = 0.5) => ({ name, alpha });

describe("Rescorla–Wagner reference", () => {
  it("follows ΔV = αβ(λ − ΣV) for every stimulus present", () => {
    const m = rw({ betaReinforced: 0.6, betaNonreinforced: 0.15 });
    expect(m.trial([cue("A")], 1)).toBe(0);
    expect(m.V.get("A")).toBeCloseTo(0.3, 12);
    m.trial([cue("A"), cue("B", 0.2)], 0);
    // error −0.3, β⁻ = 0.15
    expect(m.V.get("A")).toBeCloseTo(0.3 - 0.5 * 0.15 * 0.3, 12);
    expect(m.V.get("B")).toBeCloseTo(-0.2 * 0.15 * 0.3, 12);
  });

  it("blocks, overexpects and makes conditioned inhibitors (textbook predictions)", () => {
    const blocked = rw();
    for (let k = 0; k < 30; k++) blocked.trial([cue("A")], 1);
    for (let k = 0; k < 8; k++) blocked.trial([cue("A"), cue("B")], 1);
    expect(blocked.value(["B"])).toBeLessThan(0.01);

    const over = rw();
    for (let k = 0; k < 30; k++) {
      over.trial([cue("A")], 1);
      over.trial([cue("B")], 1);
    }
    const before = over.value(["A"]);
    for (let k = 0; k < 8; k++) over.trial([cue("A"), cue("B")], 1);
    expect(over.value(["A"])).toBeLessThan(before);

    const ci = rw();
    for (let k = 0; k < 60; k++) {
      ci.trial([cue("A")], 1);
      ci.trial([cue("A"), cue("X")], 0);
    }
    expect(ci.value(["X"])).toBeLessThan(-0.5);
  });

  it("runs the fear designs on the amygdala's schedule, context and ITIs included", () => {
    const rows = simulateRescorlaWagner(blockingDesign("blocked"));
    expect(rows).toHaveLength(26);
    const test = rows.filter((r) => r.phase === "test");
    expect(test[0].csFreezing).toBeLessThan(20);
    expect(
      rows.find((r) => r.phase === "pretraining" && r.indexInPhase === 15)!.csFreezing,
    ).toBeGreaterThan(90);
  });
});
