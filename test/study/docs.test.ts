/** The study files shown in README.md and docs/studies.md parse and plan as written. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { planStudy } from "../../src/study/plan.js";
import { parseStudy } from "../../src/study/spec.js";

function studyBlocks(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((b) => /^seeds:/m.test(b));
}

describe("documented study files", () => {
  for (const file of ["README.md", "docs/studies.md"]) {
    it(`${file}: every study file plans`, () => {
      const blocks = studyBlocks(file);
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        const plan = planStudy(parseStudy(parse(block)));
        expect(plan.cells.length).toBe(plan.conditions.length * plan.spec.seeds.length);
      }
    });
  }
});
