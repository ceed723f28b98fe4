import { describe, expect, it } from "vitest";
import { summarisePhases } from "../../src/paradigms/eyeblink/analyse.js";
import { simulateEyeblink } from "../../src/paradigms/eyeblink/experiments.js";
import { eyeblink } from "../../src/paradigms/eyeblink/index.js";
import { FLOOR_LIMITED_TIMING } from "./eyeblinkModels.js";

/** 200 paired trials at ISI 500, then 10 CS-alone probes whose CS lasts 800 ms past the US time. */
const design = "train: 200 T+(isi=500) > probe: 10 T-(isi=500, cs=1300)";

function probeSummary(model: Record<string, unknown>) {
  const config = eyeblink.resolve({ experiment: { design } });
  const { rows } = simulateEyeblink(config.experiment, 1, model);
  return summarisePhases(rows, config.analysis)[1];
}

// Issue #18's "done when": a long-CS probe CR peaks at the US time and falls below a third of
// its peak within a few hundred ms while the CS goes on (Millenson, Kehoe & Gormezano 1977).
describe("eyeblink default: the probe CR falls back after the US time", () => {
  it("peaks near the trained time and keeps less than a third of its peak 350–600 ms later", () => {
    const probe = probeSummary({});
    expect(probe.probePeakLatencyMs).toBeGreaterThan(450);
    expect(probe.probePeakLatencyMs).toBeLessThan(550);
    expect(probe.probeLateFraction).toBeLessThan(1 / 3);
  }, 120_000);

  it("the earlier floor-limited layer keeps the CR up with the CS", () => {
    const probe = probeSummary(FLOOR_LIMITED_TIMING);
    expect(probe.probeLateFraction).toBeGreaterThan(1 / 3);
  }, 120_000);
});
