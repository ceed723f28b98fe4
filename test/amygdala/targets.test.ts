/**
 * The amygdala scorecard (literature.md §5) and the Rescorla–Wagner comparison, over
 * AMYGDALA_TEST_ANIMALS animals (one per group and seed, ≈ 1 s each): enough for the one-sided
 * tests `shoulda validate` uses, so this file exercises the statistical path end to end.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  amygdalaTargets,
  phenomena,
  rescorlaWagnerComparison,
} from "../../src/validation/amygdalaTargets.js";
import { KNOWN_MISSES } from "../../src/validation/registry.js";
import { runScorecard } from "../../src/validation/scorecard.js";
import type { TargetResult } from "../../src/validation/types.js";

const AMYGDALA_TEST_ANIMALS = 8;
const results = new Map<string, TargetResult>();

describe("amygdala scorecard", () => {
  beforeAll(async () => {
    const all = await runScorecard(amygdalaTargets, {
      animals: AMYGDALA_TEST_ANIMALS,
      jobs: 1,
      standardOnly: true,
    });
    for (const r of all) results.set(r.id, r);
  }, 900_000);

  for (const target of amygdalaTargets) {
    const test = KNOWN_MISSES.includes(target.id) ? it.fails : it;
    test(`${target.id}: ${target.published} (${target.source})`, () => {
      const r = results.get(target.id)!;
      expect(r.detail.error, String(r.detail.error)).toBeUndefined();
      expect(r.animals).toBe(AMYGDALA_TEST_ANIMALS);
      const failing = r.claims.filter((c) => !c.pass);
      expect(
        failing.map((c) => `${c.claim}: mean ${c.mean}, p ${c.p} (${c.test})`),
        `${r.id}: ${r.tolerance}`,
      ).toEqual([]);
      for (const c of r.claims)
        if (c.kind === "ord") expect(c.test === "wilcoxon" || c.test === "sign").toBe(true);
    });
  }

  it("tabulates which phenomena each model reproduces, from the scorecard results", () => {
    const table = rescorlaWagnerComparison([...results.values()]);
    expect(table).toHaveLength(phenomena.length);
    const row = (id: string) => table.find((r) => r.phenomenon.endsWith(`(${id})`))!;
    for (const id of ["FC6-recall", "FC3"]) {
      expect(row(id).amygdala).toBe(true);
      expect(row(id).rescorlaWagner).toBe(false);
    }
    for (const r of table)
      expect(r.amygdala).toBe(results.get(r.phenomenon.match(/\(([^)]+)\)$/)![1])!.pass);
  });
});
