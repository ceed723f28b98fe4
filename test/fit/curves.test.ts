import { describe, expect, it } from "vitest";
import { meanSquaredError, modelCurves, type TrialValue } from "../../src/fit/curves.js";
import { parseData } from "../../src/fit/data.js";

describe("data against model", () => {
  it("averages each animal over a block, scales _percent columns, then averages animals", () => {
    const data = parseData("condition,block,cr_percent\na,1,50\na,2,100\n", "d.csv", 2);
    // Animal 1: cr 1,0 | 1,1 → 50 %, 100 %; animal 2: 0,0 | 1,null → 0 %, 100 %.
    const rows: TrialValue[] = [
      [1, 0, 1],
      [1, 1, 0],
      [1, 2, 1],
      [1, 3, 1],
      [2, 0, 0],
      [2, 1, 0],
      [2, 2, 1],
      [2, 3, null],
    ].map(([seed, row, value]) => ({
      condition: "a",
      seed: seed as number,
      row: row as number,
      value,
    }));
    const pts = modelCurves(rows, data);
    expect(pts.map((p) => [p.index, p.model, p.n])).toEqual([
      [1, 25, 2],
      [2, 100, 2],
    ]);
    expect(pts[0].sem).toBeCloseTo(25, 10);
    expect(pts[1].sem).toBe(0);
    expect(meanSquaredError(pts)).toBeCloseTo(((25 - 50) ** 2 + 0) / 2, 10);
  });

  it("gives an infinite loss where the model has no value at a data point", () => {
    const data = parseData("trial,x\n1,1\n2,1\n", "d.csv", 10);
    const pts = modelCurves([{ condition: "all", seed: 1, row: 0, value: 1 }], data);
    expect(pts[1].n).toBe(0);
    expect(meanSquaredError(pts)).toBe(Number.POSITIVE_INFINITY);
  });
});
