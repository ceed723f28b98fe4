import { describe, expect, it } from "vitest";
import { fitExponential, fitSinusoid, reflexGain, wrapDeg } from "../../src/analysis/sinusoid.js";
import { OPTICS_PRESETS, requiredGain, retinalSlip } from "../../src/world/motor/optics.js";
import { FirstOrderPlant } from "../../src/world/motor/plant.js";
import { pushPull } from "../../src/world/motor/sensors.js";
import { sinusoid, still } from "../../src/world/motor/stimulus.js";

describe("motor world parts", () => {
  it("first-order plant reaches 1 − 1/e of a step after τ", () => {
    const plant = new FirstOrderPlant(20, 1);
    for (let i = 0; i < 20; i++) plant.step(1);
    expect(plant.velocity).toBeCloseTo(1 - Math.exp(-1), 6);
    const instant = new FirstOrderPlant(0, 5);
    expect(instant.step(3)).toBe(3);
    expect(instant.position).toBeCloseTo(0.015, 12);
  });

  it("optics: slip is zero exactly at the gain the optics ask for", () => {
    for (const [name, optics] of Object.entries(OPTICS_PRESETS)) {
      const g = requiredGain(optics);
      if (!optics.vision) {
        expect(retinalSlip(optics, 10, -10), name).toBeNull();
        continue;
      }
      expect(retinalSlip(optics, 10, -g * 10), name).toBeCloseTo(0, 12);
      // Eye too slow (gain below the requirement) → slip of the sign that asks for more command.
      expect(Math.sign(retinalSlip(optics, 10, -(g - 0.5) * 10)!), name).toBe(-1);
    }
    expect(requiredGain(OPTICS_PRESETS.x2)).toBe(2);
    expect(requiredGain(OPTICS_PRESETS.reversal)).toBe(-1);
    expect(requiredGain(OPTICS_PRESETS.withHead)).toBe(0);
  });

  it("push–pull channels are non-negative and their difference is the signal", () => {
    for (const v of [-45, -3, 0, 7, 30]) {
      const [p, n] = pushPull(v, 30, 0);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(p - n).toBeCloseTo(v / 30, 12);
    }
    const [p, n] = pushPull(15, 30, 1);
    expect([p, n]).toEqual([1.5, 0.5]);
  });

  it("stimuli: velocity and acceleration of a sinusoid", () => {
    const s = sinusoid(30, 1);
    expect(s.velocity(250)).toBeCloseTo(30, 9);
    expect(s.acceleration(0)).toBeCloseTo(30 * 2 * Math.PI, 9);
    expect(still.velocity(123)).toBe(0);
  });

  it("fitSinusoid recovers amplitude, phase and offset; reflexGain reads a compensatory lag", () => {
    const t = Array.from({ length: 400 }, (_, i) => i * 5);
    const y = t.map((ms) => 2 * Math.sin(2 * Math.PI * (ms / 1000) + Math.PI / 6) + 0.5);
    const fit = fitSinusoid(y, t, 1);
    expect(fit.amplitude).toBeCloseTo(2, 9);
    expect(fit.phaseDeg).toBeCloseTo(30, 6);
    expect(fit.offset).toBeCloseTo(0.5, 9);
    expect(fit.r2).toBeCloseTo(1, 9);
    const head = t.map((ms) => Math.sin(2 * Math.PI * (ms / 1000)));
    const eye = t.map((ms) => -0.8 * Math.sin(2 * Math.PI * (ms / 1000) - Math.PI / 9));
    const g = reflexGain(head, eye, t, 1);
    expect(g.gain).toBeCloseTo(0.8, 9);
    expect(g.phaseDeg).toBeCloseTo(-20, 6);
    expect(wrapDeg(190)).toBe(-170);
  });

  it("fitExponential recovers a time constant", () => {
    const x = Array.from({ length: 30 }, (_, i) => i * 2);
    const y = x.map((v) => 0.25 + 0.75 * Math.exp(-v / 7));
    const fit = fitExponential(x, y);
    expect(fit.tau).toBeGreaterThan(6.8);
    expect(fit.tau).toBeLessThan(7.2);
    expect(fit.end).toBeCloseTo(0.25, 2);
  });
});
