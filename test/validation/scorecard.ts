import { expect, it } from "vitest";
import { selectTargets } from "../../src/validation/registry.js";
import { measureTarget } from "../../src/validation/scorecard.js";

/**
 * One test per literature target: the simulator's measurement must pass the documented
 * tolerance. Targets are split over test files so vitest runs them on both cores.
 */
export function scorecardTests(ids: string[]): void {
  for (const target of selectTargets(ids.join(","))) {
    it(`${target.id}: ${target.published} (${target.source})`, { timeout: 600_000 }, async () => {
      const result = await measureTarget(target);
      expect(result.detail.error, String(result.detail.error)).toBeUndefined();
      expect(
        result.pass,
        `${target.id} measured ${JSON.stringify(result.measured)}; ${target.tolerance}; ${JSON.stringify(result.detail)}`,
      ).toBe(true);
    });
  }
}
