import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { restoreCerebellum, saveCerebellum } from "../../src/brain/state.js";
import { type CerebellumParamsInput, cerebellumParamsSchema } from "../../src/model/cerebellum.js";

function build(basis: CerebellumParamsInput["basis"], seed = 1, extra: CerebellumParamsInput = {}) {
  const params = cerebellumParamsSchema.parse({ ...extra, basis });
  return new Cerebellum({ kind: "cerebellum", params, channels: ["tone", "puff"], seed });
}

/** Index of the first fibre driven by channel 0 and of one carrying background only. */
function fibres(brain: Cerebellum): { driven: number; quiet: number } {
  const source = Array.from(brain.mossyWiring.source);
  return { driven: source.indexOf(0), quiet: source.indexOf(-1) };
}

describe("basis.tonicAdaptation: phasic-tonic tonic units", () => {
  it("has the expected defaults (off, τ_a = 200 ms)", () => {
    const p = cerebellumParamsSchema.parse({});
    expect(p.basis.tonicAdaptation).toBe(0);
    expect(p.basis.tonicAdaptationTauMs).toBe(200);
    expect(build({}).basis.adaptation.length).toBe(0);
  });

  it("one step by hand: b = x − a, a = (1 − λ_a)·α·(x − x_bg) from rest", () => {
    const alpha = 0.8;
    const tau = 200;
    const brain = build({ tonicAdaptation: alpha, tonicAdaptationTauMs: tau }, 1, {
      mossy: { noiseSd: 0 },
    });
    const { driven } = fibres(brain);
    const width = 1 + brain.params.basis.bumps;
    brain.step([1, 0], [0]);
    const x = brain.mossy.rate[driven];
    const a = (1 - Math.exp(-1 / tau)) * alpha * (x - brain.params.mossy.background);
    expect(brain.basis.units[driven * width]).toBeCloseTo(x - a, 5);
  });

  it("a steady tone's tonic drive decays to (1 − α) of its rise; a resting fibre's does not", () => {
    const alpha = 0.8;
    const brain = build({ tonicAdaptation: alpha }, 2, { mossy: { noiseSd: 0 } });
    const off = build({}, 2, { mossy: { noiseSd: 0 } });
    const { driven, quiet } = fibres(brain);
    const width = 1 + brain.params.basis.bumps;
    const bg = brain.params.mossy.background;
    const onset: number[] = [];
    for (let t = 0; t < 2000; t++) {
      brain.step([1, 0], [0]);
      off.step([1, 0], [0]);
      if (t === 0) onset.push(brain.basis.units[driven * width]);
    }
    const x = brain.mossy.rate[driven];
    const late = brain.basis.units[driven * width];
    expect(onset[0]).toBeGreaterThan(0.95 * x);
    expect(late).toBeCloseTo(bg + (1 - alpha) * (x - bg), 3);
    expect(off.basis.units[driven * width]).toBeCloseTo(x, 6);
    expect(brain.basis.units[quiet * width]).toBeCloseTo(bg, 6);
  });

  it("the cells active just before a 500-ms US time are not the ones active 350–600 ms after it", () => {
    // Default network, one long CS after a quiet second: overlap of the sets active 380–420 ms
    // and 850–1100 ms into the CS (the probe's late window), with and without adaptation.
    const lateOverlap = (basis: CerebellumParamsInput["basis"], seed: number, extra = {}) => {
      const brain = build(basis, seed, extra);
      for (let t = 0; t < 1000; t++) brain.step([0, 0], [0]);
      const atUs = new Set<number>();
      const late = new Set<number>();
      for (let t = 0; t < 1100; t++) {
        brain.step([1, 0], [0]);
        const active = brain.granule.active.subarray(0, brain.granule.count);
        if (t >= 380 && t < 420) for (const i of active) atUs.add(i);
        if (t >= 850) for (const i of active) late.add(i);
      }
      let shared = 0;
      for (const i of atUs) if (late.has(i)) shared++;
      return shared / Math.max(1, atUs.size);
    };
    for (const seed of [1, 2]) {
      const floor = { granule: { threshold: 1.5 } };
      const without = lateOverlap({}, seed, floor);
      const adapted = lateOverlap({ tonicAdaptation: 0.8 }, seed, floor);
      expect(without).toBeGreaterThan(0.4);
      expect(adapted).toBeLessThan(without / 2);
    }
  });

  it("a small trained network's probe CR falls back while the CS goes on; without adaptation it stays up", () => {
    // 40 paired trials (CS 600 ms, teacher 500–600 ms, 2 s quiet), then one CS-alone probe of
    // 1300 ms with learning off: z's peak 300–700 ms in, and z 850–1100 ms in over that peak.
    const trainAndProbe = (basis: CerebellumParamsInput["basis"], seed: number) => {
      const brain = build(basis, seed, { dtMs: 5, granule: { count: 2000, threshold: 1.5 } });
      const quiet = 400;
      for (let n = 0; n < 40; n++) {
        for (let t = 0; t < quiet; t++) brain.step([0, 0], [0]);
        for (let t = 0; t < 120; t++) brain.step([1, 0], [t >= 100 ? 1 : 0]);
      }
      brain.learning = false;
      for (let t = 0; t < quiet; t++) brain.step([0, 0], [0]);
      const z: number[] = [];
      for (let t = 0; t < 220; t++) z.push(brain.step([1, 0], [0])[0]);
      const window = z.slice(60, 140);
      const peak = Math.max(...window);
      const late = z.slice(170, 220).reduce((a, b) => a + b, 0) / 50;
      return { peak, peakMs: (60 + window.indexOf(peak)) * 5, lateFraction: late / peak };
    };
    for (const seed of [1, 2]) {
      const without = trainAndProbe({}, seed);
      const adapted = trainAndProbe({ tonicAdaptation: 0.8 }, seed);
      expect(adapted.peak).toBeGreaterThan(0.03);
      expect(adapted.peakMs).toBeGreaterThanOrEqual(300);
      expect(adapted.peakMs).toBeLessThanOrEqual(550);
      expect(adapted.lateFraction).toBeLessThan(1 / 3);
      expect(adapted.lateFraction).toBeLessThan(without.lateFraction / 2);
    }
  });

  it("is deterministic and continues bit-identically after save/restore mid-CS", () => {
    const make = () => build({ tonicAdaptation: 0.8 }, 3, { granule: { count: 1000 } });
    const a = make();
    const b = make();
    for (let t = 0; t < 300; t++) {
      a.step([1, t > 250 ? 1 : 0], [0]);
      b.step([1, t > 250 ? 1 : 0], [0]);
    }
    expect(Array.from(a.basis.adaptation)).toEqual(Array.from(b.basis.adaptation));
    const restored = restoreCerebellum(JSON.parse(JSON.stringify(saveCerebellum(a))));
    for (let t = 0; t < 200; t++) {
      const za = a.step([1, 0], [0])[0];
      const zr = restored.step([1, 0], [0])[0];
      expect(zr).toBe(za);
    }
    expect(Array.from(restored.basis.adaptation)).toEqual(Array.from(a.basis.adaptation));
  });
});
