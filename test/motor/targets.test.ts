/**
 * The motor scorecard targets, measured as `shoulda validate --only … --animals 1` would (the
 * screen rule: every claim holds in animal 1). R3's window tracking is also checked on its own.
 */
import { describe, expect, it } from "vitest";
import { motorTargets } from "../../src/validation/motorTargets.js";
import { scorecardTests } from "../validation/scorecard.js";

describe("motor targets", () => {
  scorecardTests(motorTargets.map((t) => t.id));

  it("R3: the adaptive window's LTD peak follows the feedback delay, and dark housing pulls it back", async () => {
    const r3 = motorTargets.find((t) => t.id === "R3")!;
    const m = await r3.measure({ seed: 1 });
    const peaks = m.detail.ltdPeakMs as number[];
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThan(peaks[i - 1]);
    expect(m.detail.peakAfterDarkHousingMs).toBeLessThan(120);
  }, 300_000);
});
