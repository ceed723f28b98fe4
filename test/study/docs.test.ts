/** The study and fit files shown in README.md and docs/studies.md parse and plan as written. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseData } from "../../src/fit/data.js";
import { planFit } from "../../src/fit/plan.js";
import { parseFit } from "../../src/fit/spec.js";
import { planStudy } from "../../src/study/plan.js";
import { parseStudy } from "../../src/study/spec.js";

function yamlBlocks(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** A fit file has data and params; every other block with seeds is a study file. */
const isFit = (b: string) => /^data:/m.test(b) && /^params:/m.test(b);

describe("documented study files", () => {
  for (const file of ["README.md", "docs/studies.md"]) {
    it(`${file}: every study file plans`, () => {
      const blocks = yamlBlocks(file).filter((b) => /^seeds:/m.test(b) && !isFit(b));
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        const plan = planStudy(parseStudy(parse(block)));
        expect(plan.cells.length).toBe(plan.conditions.length * plan.spec.seeds.length);
      }
    });
  }

  it("docs/studies.md: the fit file plans (against one-condition data)", () => {
    const blocks = yamlBlocks("docs/studies.md").filter(isFit);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const plan = planFit(
        parseFit(parse(block), "fit.yaml"),
        parseData("trial,csFreezing\n1,0\n2,40\n", "freezing.csv", 10),
      );
      expect(plan.ranges.length).toBeGreaterThan(0);
    }
  });
});
