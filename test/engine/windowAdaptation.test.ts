import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { restoreCerebellum, saveCerebellum } from "../../src/brain/state.js";
import { learningWindow } from "../../src/circuit/eligibility.js";
import { sampleWindow } from "../../src/circuit/windowAdaptation.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { parseWith } from "../../src/model/validate.js";

const small = (adapt: Record<string, unknown> | false, peak = 0) =>
  cerebellumParamsSchema.parse({
    dtMs: 5,
    granule: { count: 400 },
    mossy: { count: 24, fibresPerChannel: 8 },
    basis: { bumps: 4, minDelayMs: 10, maxDelayMs: 200 },
    plasticity: {
      pfPurkinje: {
        windowPeakMs: peak,
        ...(adapt ? { windowAdaptation: { enabled: true, ...adapt } } : {}),
      },
      mfNucleus: { enabled: false },
    },
    olive: { feedbackDelayMs: 5 },
  });

/**
 * A bare loop: the error is "what the world lost", −(the module's output d ms ago), plus a
 * context-driven part. Only the output's own jitter reveals d. The teacher adds back the olive's
 * one-step comparison z(t − 1) (the learned output), so the climbing fibre carries the error itself.
 */
function runLoop(brain: Cerebellum, delayMs: number, steps: number): number[] {
  const lag = Math.round(delayMs / brain.params.dtMs);
  const sent: number[] = [];
  const out: number[] = [];
  let learned = brain.purkinje.output[0];
  for (let t = 0; t < steps; t++) {
    const phase = Math.sin((2 * Math.PI * t) / 200);
    const back = t >= lag ? sent[t - lag] : 0;
    const error = 0.3 * phase - back;
    const z = brain.step([Math.max(phase, 0), Math.max(-phase, 0)], [error + learned]);
    learned = brain.purkinje.output[0];
    sent.push(z[0]);
    out.push(z[0]);
  }
  return out;
}

describe("adaptive PF→PC window", () => {
  it("is off by default: the window is the fixed one and the module emits z unchanged", () => {
    const p = small(false, 120);
    expect(p.plasticity.pfPurkinje.windowAdaptation.enabled).toBe(false);
    const brain = new Cerebellum({ kind: "cerebellum", params: p, channels: ["a", "b"], seed: 3 });
    expect(brain.windowAdaptation).toBeNull();
    expect(brain.pfPlasticity.kappa).toEqual(learningWindow(p));
    expect(brain.step([1, 0], [0])).toBe(brain.purkinje.output);
  });

  it("rejects bad options naming the field", () => {
    expect(() =>
      parseWith(
        cerebellumParamsSchema,
        { plasticity: { pfPurkinje: { windowAdaptation: { rate: -1 } } } },
        "model",
      ),
    ).toThrow(/model\.plasticity\.pfPurkinje\.windowAdaptation\.rate/);
  });

  it("samples a normalised window peaked where asked, sub-step peaks included", () => {
    const k = sampleWindow(24, 4, new Float64Array(120));
    expect(k.indexOf(Math.max(...k))).toBe(24);
    expect(k.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    const tiny = sampleWindow(0.25, 4, new Float64Array(10));
    expect([tiny[0], tiny[1]]).toEqual([0.75, 0.25]);
  });

  it("moves the window's peak from coincidence toward the loop's delay", () => {
    const peaks = [40, 150].map((d) => {
      const brain = new Cerebellum({
        kind: "cerebellum",
        params: small({ rate: 0.0001, correlationTauMs: 5000, probeSd: 0.1, maxDelayMs: 250 }),
        channels: ["a", "b"],
        seed: 5,
      });
      runLoop(brain, d, 12_000);
      return brain.windowAdaptation!.peakMs;
    });
    expect(Math.abs(peaks[0] - 40)).toBeLessThan(20);
    expect(Math.abs(peaks[1] - 150)).toBeLessThan(30);
  });

  it("save and restore continue bit-identically with the window adapting", () => {
    const spec = {
      kind: "cerebellum" as const,
      params: small({ rate: 0.0001, correlationTauMs: 2000 }),
      channels: ["a", "b"],
      seed: 8,
    };
    const original = new Cerebellum(spec);
    runLoop(original, 60, 1500);
    const restored = restoreCerebellum(JSON.parse(JSON.stringify(saveCerebellum(original))));
    expect(runLoop(restored, 60, 1500)).toEqual(runLoop(original, 60, 1500));
    expect(restored.windowAdaptation!.peakMs).toBe(original.windowAdaptation!.peakMs);
  });
});
