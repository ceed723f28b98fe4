/** The homeostatic gain, the D4 hyperactivity groups and the D5 therapy groups (tinnitus). */
import { describe, expect, it } from "vitest";
import { HomeostaticGain } from "../../src/brain/homeostaticGain.js";
import { hyperactivityAnimal } from "../../src/paradigms/tinnitus/hyperactivity.js";
import { tinnitus } from "../../src/paradigms/tinnitus/index.js";
import { therapyAnimal } from "../../src/paradigms/tinnitus/therapy.js";
import type { Canceller } from "../../src/world/scene.js";
import { fieldOf } from "../configErrors.js";

/** A canceller that predicts nothing and records what reached it. */
class Probe implements Canceller {
  prediction = new Float64Array(2);
  unexpected = new Float64Array(2);
  learning = true;
  last: number[] = [];
  step(input: ArrayLike<number>): Float64Array {
    this.last = Array.from(input);
    return this.unexpected;
  }
}

describe("homeostatic gain", () => {
  const options = { tauMs: 100, averageMs: 50, maxGain: 3, channels: [0] };

  it("stays 1 before the set point, then raises only its channels' gain until the mean is restored", () => {
    const probe = new Probe();
    const h = new HomeostaticGain(probe, options, 1);
    for (let t = 0; t < 500; t++) h.step([1, 1], []);
    expect(Array.from(h.gain)).toEqual([1, 1]);
    h.fixSetPoint();
    for (let t = 0; t < 5000; t++) h.step([0.5, 0.5], []);
    // s' = h·s returns to the set point 1 on channel 0; channel 1 has no homeostasis.
    expect(h.gain[0]).toBeCloseTo(2, 1);
    expect(probe.last[0]).toBeCloseTo(1, 1);
    expect(h.gain[1]).toBe(1);
    expect(probe.last[1]).toBe(0.5);
  });

  it("is bounded by maxGain and never falls below 1; adapting = false freezes it", () => {
    const h = new HomeostaticGain(new Probe(), options, 1);
    for (let t = 0; t < 200; t++) h.step([1, 1], []);
    h.fixSetPoint();
    for (let t = 0; t < 5000; t++) h.step([0.1, 0.1], []);
    expect(h.gain[0]).toBe(3);
    h.adapting = false;
    for (let t = 0; t < 100; t++) h.step([1, 1], []);
    expect(h.gain[0]).toBe(3);
    h.adapting = true;
    for (let t = 0; t < 20_000; t++) h.step([5, 5], []);
    expect(h.gain[0]).toBe(1);
    expect(() => new HomeostaticGain(new Probe(), { ...options, maxGain: 0.5 }, 1)).toThrow(
      /maxGain/,
    );
  });
});

describe("tinnitus physiology (short sessions)", () => {
  const config = tinnitus.resolve({
    seed: 2,
    protocol: {
      trainS: 12,
      afterS: 8,
      hyperactivity: { tauS: 2, averageS: 1 },
      therapy: { therapyS: 4, testS: 3 },
    },
  });

  it("the homeostatic group's gain rises and its silent rate exceeds the loss-only group's; same seed, same result", () => {
    const loss = hyperactivityAnimal(config, "lossOnly", 2);
    const homeostatic = hyperactivityAnimal(config, "homeostatic", 2);
    expect(loss.centralGain).toBe(1);
    expect(homeostatic.centralGain).toBeGreaterThan(1.01);
    expect(homeostatic.spontaneousRate).toBeGreaterThan(loss.spontaneousRate);
    expect(hyperactivityAnimal(config, "homeostatic", 2)).toEqual(homeostatic);
  });

  it("therapy groups differ only by what is delivered; the enhancing order keeps more phantom than the depressing one", () => {
    const depress = therapyAnimal(config, "bimodalDepress", 2);
    const enhance = therapyAnimal(config, "bimodalEnhance", 2);
    // Same animal up to the therapy: the phantom before it is the same.
    expect(enhance.phantomBefore).toBe(depress.phantomBefore);
    expect(enhance.phantomAfter).toBeGreaterThan(depress.phantomAfter);
  });

  it("bad settings name the field", () => {
    expect(fieldOf(() => tinnitus.resolve({ protocol: { therapy: { rateHz: 0 } } }))).toBe(
      "protocol.therapy.rateHz",
    );
    expect(
      fieldOf(() => tinnitus.resolve({ protocol: { hyperactivity: { scoreFraction: 2 } } })),
    ).toBe("protocol.hyperactivity.scoreFraction");
  });
});
