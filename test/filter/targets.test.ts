/** The input-filter literature targets (DCN1–DCN4, F1, F2, F4, F5, F6), measured with default configs. */
import { describe, expect, it } from "vitest";
import { filterTargets } from "../../src/validation/filterTargets.js";
import { measureTarget } from "../../src/validation/scorecard.js";

describe("filter targets", () => {
  for (const target of filterTargets) {
    it(`${target.id}: ${target.published}`, async () => {
      const r = await measureTarget(target);
      console.log(
        `${r.id} measured=${JSON.stringify(r.measured)} pass=${r.pass} ${JSON.stringify(r.detail)}`,
      );
      expect(r.measured).not.toBe("error");
      expect(r.pass).toBe(true);
    });
  }
});
