import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { AdaptiveMotorLoop } from "../../src/brain/motorLoop.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { ConfigError } from "../../src/model/errors.js";
import { fieldOf } from "../configErrors.js";

function brain(overrides: Record<string, unknown> = {}) {
  const params = cerebellumParamsSchema.parse({
    dtMs: 5,
    mossy: { count: 32, fibresPerChannel: 8 },
    granule: { count: 400 },
    basis: { bumps: 4, maxDelayMs: 200 },
    olive: { feedbackDelayMs: 20 },
    plasticity: { mfNucleus: { enabled: false } },
    ...overrides,
  });
  return new Cerebellum({ kind: "cerebellum", params, channels: ["a", "b"], seed: 3 });
}

describe("AdaptiveMotorLoop", () => {
  it("delays the error by d and the olive sees ε − λ·z(t − Δ)", () => {
    const b = brain();
    const loop = new AdaptiveMotorLoop(b, {
      errorDelayMs: 50,
      errorScale: 2,
      motorGain: 3,
      olivaryFeedback: 0.25,
    });
    expect(loop.errorDelaySteps).toBe(10);
    const zs: number[] = [];
    for (let t = 0; t < 40; t++) {
      const err = t === 5 ? 4 : 0; // one error pulse at step 5
      const u = loop.step([1 + Math.sin(t / 3), 0.5], [err]);
      zs.push(b.purkinje.output[0]);
      expect(u[0]).toBeCloseTo(3 * zs[t], 12);
      const zPast = t >= 4 ? zs[t - 4] : 0; // Δ = 20 ms = 4 steps
      const eps = t === 15 ? 2 : 0; // arrives d = 10 steps later, scaled by 1/errorScale
      expect(loop.received[0]).toBe(eps);
      expect(b.error[0]).toBeCloseTo(eps - 0.25 * zPast, 12);
    }
  });

  it("null or NaN errors mean no feedback; saturation bounds what the olive sees", () => {
    const loop = new AdaptiveMotorLoop(brain(), { errorDelayMs: 0, errorSaturation: 0.5 });
    loop.step([1, 1], null);
    expect(loop.received[0]).toBe(0);
    loop.step([1, 1], [Number.NaN]);
    expect(loop.received[0]).toBe(0);
    loop.step([1, 1], [100]);
    expect(loop.received[0]).toBeCloseTo(0.5, 9);
  });

  it("saturateAt climbingFibre: the olive's output e = S·tanh((ε − λ·z(t − Δ))/S) is what saturates", () => {
    const b = brain();
    const loop = new AdaptiveMotorLoop(b, {
      errorDelayMs: 0,
      errorSaturation: 0.2,
      saturateAt: "climbingFibre",
      olivaryFeedback: 0.5,
    });
    const zs: number[] = [];
    for (let t = 0; t < 30; t++) {
      const err = t < 15 ? 3 : -0.1;
      loop.step([1 + Math.sin(t / 3), 0.5], [err]);
      zs.push(b.purkinje.output[0]);
      const zPast = t >= 4 ? zs[t - 4] : 0;
      expect(loop.received[0]).toBe(err); // the sensory error itself is not clipped
      expect(b.error[0]).toBeCloseTo(0.2 * Math.tanh((err - 0.5 * zPast) / 0.2), 12);
    }
    expect(fieldOf(() => new AdaptiveMotorLoop(brain(), { saturateAt: "olive" as never }))).toBe(
      "loop.saturateAt",
    );
  });

  it("bad parameters → ConfigError naming the field", () => {
    expect(() => new AdaptiveMotorLoop(brain(), { errorDelayMs: -1 })).toThrow(ConfigError);
    expect(fieldOf(() => new AdaptiveMotorLoop(brain(), { olivaryFeedback: 2 }))).toBe(
      "loop.olivaryFeedback",
    );
    expect(() => new AdaptiveMotorLoop(brain({ olive: { feedbackDelayMs: 0 } }))).toThrow(
      /feedbackDelayMs/,
    );
  });
});
