import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { type CerebellumParamsInput, cerebellumParamsSchema } from "../../src/model/cerebellum.js";

/**
 * The probe-fall-back combination (docs/eyeblink.md, "Golgi feedback with no floor"): phasic-tonic
 * mossy input (basis.tonicAdaptation) with the granule threshold set by the Golgi feedback loop
 * alone (granule.golgi = feedback, threshold θ₀ = 0), against each half removed.
 */
const ADAPTED = { tonicAdaptation: 0.8 };
const FEEDBACK = { golgi: "feedback" as const, threshold: 0 };
const FIXED_FLOOR = { threshold: 1.5 };

function build(
  basis: CerebellumParamsInput["basis"],
  granule: CerebellumParamsInput["granule"],
  seed: number,
) {
  const params = cerebellumParamsSchema.parse({
    dtMs: 5,
    olive: { usDrive: "onset" },
    basis,
    granule: { count: 2000, ...granule },
  });
  return new Cerebellum({ kind: "cerebellum", params, channels: ["tone", "puff"], seed });
}

/** Mean active-cell count over steps [from, to) of a steady tone that starts after 1 s quiet. */
function meanCount(brain: Cerebellum, from: number, to: number): { rest: number; tone: number } {
  let rest = 0;
  for (let t = 0; t < 200; t++) {
    brain.step([0, 0], [0]);
    if (t >= 160) rest += brain.granule.count / 40;
  }
  let tone = 0;
  for (let t = 0; t < to; t++) {
    brain.step([1, 0], [0]);
    if (t >= from) tone += brain.granule.count / (to - from);
  }
  return { rest, tone };
}

/**
 * 40 delay trials at ISI 1000 ms (2 s quiet, CS 1100 ms, US 1000–1100 ms, dt = 5 ms), then one
 * CS-alone probe of 1800 ms with learning off: z's peak 500–1400 ms in, and z 1350–1600 ms in
 * (the probe's late window) over that peak.
 */
function trainAndProbe(
  basis: CerebellumParamsInput["basis"],
  granule: CerebellumParamsInput["granule"],
  seed: number,
) {
  const brain = build(basis, granule, seed);
  const isi = 200;
  for (let n = 0; n < 40; n++) {
    for (let t = 0; t < 400; t++) brain.step([0, 0], [0]);
    for (let t = 0; t < isi + 20; t++) brain.step([1, 0], [t >= isi ? 1 : 0]);
  }
  brain.learning = false;
  for (let t = 0; t < 400; t++) brain.step([0, 0], [0]);
  const z: number[] = [];
  for (let t = 0; t < isi + 160; t++) z.push(brain.step([1, 0], [0])[0]);
  const window = z.slice(100, 280);
  const peak = Math.max(...window);
  const late = z.slice(isi + 70, isi + 120).reduce((a, b) => a + b, 0) / 50;
  return { peak, peakMs: (100 + window.indexOf(peak)) * 5, lateFraction: late / peak };
}

describe("Golgi feedback with no floor, with phasic-tonic mossy input: CRs that fall back", () => {
  it("late in a long tone the feedback loop keeps the coding level near f; a fixed floor lets it collapse", () => {
    const target = 0.05 * 2000;
    for (const seed of [1, 2]) {
      // 900–1400 ms into the tone, where an ISI-1000 CR has to be carried.
      const feedback = meanCount(build(ADAPTED, FEEDBACK, seed), 180, 280);
      const floor = meanCount(build(ADAPTED, FIXED_FLOOR, seed), 180, 280);
      expect(feedback.tone).toBeGreaterThan(0.5 * target);
      expect(floor.tone).toBeLessThan(0.15 * target);
      // Not a saturated layer at rest: the loop lets the resting level fall below f, not to 0.
      expect(feedback.rest).toBeLessThan(target);
      expect(feedback.rest).toBeGreaterThan(0);
    }
  });

  it("at ISI 1000 the CR is learned, peaks near the trained time and falls back; each half alone fails", () => {
    for (const seed of [1, 2]) {
      const both = trainAndProbe(ADAPTED, FEEDBACK, seed);
      expect(both.peak).toBeGreaterThan(0.1);
      expect(both.peakMs).toBeGreaterThanOrEqual(800);
      expect(both.peakMs).toBeLessThanOrEqual(1150);
      expect(both.lateFraction).toBeLessThan(1 / 3);
      // The fixed floor in place of the loop: too few cells late in the CS to learn.
      const floor = trainAndProbe(ADAPTED, FIXED_FLOOR, seed);
      expect(floor.peak).toBeLessThan(both.peak / 2);
      // The loop without adaptation: tone-fed cells keep the CR up while the CS goes on.
      const tonic = trainAndProbe({}, FEEDBACK, seed);
      expect(tonic.lateFraction).toBeGreaterThan(2 * both.lateFraction);
    }
  });

  it("graded output: the ISI-1000 CR is still learned, but less per trial than with binary cells", () => {
    // A graded cell learns and drives the pause by its rate, so the weakly driven cells of a long
    // CS teach less per trial (docs/eyeblink.md: the ordering of acquisition by ISI comes back).
    for (const seed of [1, 2]) {
      const binary = trainAndProbe(ADAPTED, FEEDBACK, seed);
      const graded = trainAndProbe(ADAPTED, { ...FEEDBACK, output: "graded" }, seed);
      expect(graded.peak).toBeGreaterThan(0.05);
      expect(graded.peak).toBeLessThan(0.8 * binary.peak);
      expect(graded.peakMs).toBeGreaterThanOrEqual(800);
      expect(graded.peakMs).toBeLessThanOrEqual(1150);
    }
  });
});
