/**
 * The motor scorecard targets, measured as `shoulda validate --only …` would. Targets that pass
 * are asserted to pass; V1's τ ratio and R3's window tracking are also checked on their own.
 */
import { describe, expect, it } from "vitest";
import { motorTargets } from "../../src/validation/motorTargets.js";

const target = (id: string) => motorTargets.find((t) => t.id === id)!;
const cache = new Map<string, ReturnType<ReturnType<typeof target>["measure"]>>();
/** Each target is measured once per file (R3 alone runs ~7 VOR sessions). */
const measure = (id: string) => {
  if (!cache.has(id)) cache.set(id, target(id).measure());
  return cache.get(id)!;
};

describe("motor targets", () => {
  for (const id of ["V1", "V2", "V6", "V7", "R1-VOR", "R2", "R3"]) {
    it(`${id} passes`, async () => {
      const m = await measure(id);
      expect(m.pass, JSON.stringify(m)).toBe(true);
    }, 300_000); // R1-VOR and R3 run several VOR sessions; slow on a loaded machine
  }

  it("V1: recovery and adaptation time constants within a factor of 2 (not just the plateau)", async () => {
    const m = await measure("V1");
    expect(m.detail.tauRatio).toBeGreaterThanOrEqual(0.5);
    expect(m.detail.tauRatio).toBeLessThanOrEqual(2);
  });

  it("R3: the adaptive window's LTD peak follows the feedback delay, and dark housing pulls it back", async () => {
    const m = await measure("R3");
    const peaks = m.detail.ltdPeakMs as number[];
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThan(peaks[i - 1]);
    expect(m.detail.peakAfterDarkHousingMs).toBeLessThan(120);
  });
});
