/**
 * Reach adaptation with two rates (paradigms/reach; docs/motor.md "Reach adaptation"): the
 * relaxation rule by hand, error-clamp trials, and the two Smith et al. 2006 effects on a short
 * protocol in one subject. Margins come from `shoulda run reach` (5 subjects): the rebound is
 * 0.6–0.8 of the adapted level with both sites and near 0 with the cortex alone.
 */
import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { AdaptiveMotorLoop } from "../../src/brain/motorLoop.js";
import { PfPurkinjePlasticity } from "../../src/circuit/plasticity.js";
import { referenceKernel } from "../../src/kernels/reference.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { estimateRun } from "../../src/paradigms/estimate.js";
import { resolveReach } from "../../src/paradigms/reach/config.js";
import {
  recoveryProtocol,
  runningMean,
  savingsProtocol,
  trialsToReach,
} from "../../src/paradigms/reach/protocol.js";
import { getParadigm } from "../../src/paradigms/registry.js";
import { DISCRETE_CHANNELS, DiscreteTrials } from "../../src/world/motor/discrete.js";
import { minimumJerk } from "../../src/world/motor/movement.js";
import { FirstOrderPlant } from "../../src/world/motor/plant.js";
import { fieldOf } from "../configErrors.js";

const SHORT = { adaptTrials: 60, clampTrials: 30, relearnTrials: 20, animals: 1 };
const noNucleus = { model: { plasticity: { mfNucleus: { enabled: false } } } };

describe("PF→PC relaxation", () => {
  it("moves the synapses of the cells active now toward w₀ by ρ·dt·(w₀ − w), error or not", () => {
    const p = cerebellumParamsSchema.parse({
      dtMs: 2,
      plasticity: { pfPurkinje: { relaxation: 0.01, ltd: 0, ltp: 0 } },
    });
    const kappa = Float64Array.of(0, 1);
    const rule = new PfPurkinjePlasticity(p, referenceKernel, kappa, 4);
    const w = Float32Array.of(1.5, 0.5, 1.5);
    rule.step(Int32Array.of(0, 1), 2, new Float64Array(1), w, true);
    expect(w[0]).toBeCloseTo(1.5 + 0.01 * 2 * (1 - 1.5), 6);
    expect(w[1]).toBeCloseTo(0.5 + 0.01 * 2 * (1 - 0.5), 6);
    expect(w[2]).toBe(1.5); // silent cell: kept
    rule.step(Int32Array.of(0, 1), 2, new Float64Array(1), w, false);
    expect(w[0]).toBeCloseTo(1.49, 6); // learning frozen: no relaxation either
  });
});

describe("error-clamp trials", () => {
  it("show a zero error (no learning) and report the module's displacement", () => {
    const p = cerebellumParamsSchema.parse({
      dtMs: 5,
      mossy: { count: 24, fibresPerChannel: 4 },
      granule: { count: 300 },
      plasticity: { mfNucleus: { enabled: false }, pfPurkinje: { ltd: 0.01, ltp: 0.01 } },
      olive: { feedbackDelayMs: 20 },
    });
    const brain = new Cerebellum({
      kind: "cerebellum",
      params: p,
      channels: [...DISCRETE_CHANNELS],
      seed: 3,
    });
    const loop = new AdaptiveMotorLoop(brain, { errorScale: 10, motorGain: 33 });
    const trials = new DiscreteTrials(loop, new FirstOrderPlant(20, 5), { itiMs: 200 });
    const reach = minimumJerk(10, 300);
    const w0 = Float32Array.from(brain.purkinje.w);
    trials.trial(reach, { fixedGain: 0.5, clampError: true });
    expect(Array.from(brain.purkinje.w)).toEqual(Array.from(w0));
    const learned = trials.trial(reach, { fixedGain: 0.5 });
    expect(Array.from(brain.purkinje.w)).not.toEqual(Array.from(w0));
    const after = trials.trial(reach, { fixedGain: 1, clampError: true, learn: false });
    expect(learned.learnedDisplacement).toBeCloseTo(0, 9); // naive module adds nothing
    expect(after.learnedDisplacement).toBeGreaterThan(0); // "should have gone further"
    expect(after.endPoint - 10).toBeCloseTo(after.learnedDisplacement, 1);
  });
});

describe("reach paradigm", () => {
  it("names a bad field and its allowed values", () => {
    expect(fieldOf(() => resolveReach({ field: 1.5 }))).toBe("field");
    expect(fieldOf(() => resolveReach({ clampTrials: 0 }))).toBe("clampTrials");
    expect(fieldOf(() => resolveReach({ trials: { fixedGain: 0.5 } }))).toBe("trials.fixedGain");
    expect(getParadigm("reach").info.id).toBe("reach");
    // Simulated time for `shoulda run`'s budget: 5 × (2 × (150 + 100) + 100 + 40) trials of 700 ms.
    expect(estimateRun(resolveReach({})).simulatedMs).toBe(5 * 640 * 700);
  });

  it("helpers: trials to a level and running means", () => {
    expect(trialsToReach([0, 0.2, 0.6, 0.4], 0.5)).toBe(3);
    expect(trialsToReach([0, 0.2], 0.5)).toBe(3);
    expect(runningMean([1, 3, 5, 7], 2)).toEqual([1, 2, 4, 6]);
  });

  it("rebounds in error clamps after counter-adaptation, through the slow nuclear site", () => {
    const r = recoveryProtocol(resolveReach(SHORT), 1);
    expect(r.adapted).toBeGreaterThan(0.3);
    expect(r.afterCounter).toBeLessThanOrEqual(0);
    expect(r.clampPeak).toBeGreaterThan(r.afterCounter + 0.2 * r.adapted);
    const cortexOnly = recoveryProtocol(resolveReach({ ...SHORT, ...noNucleus }), 1);
    expect(r.recoveryFraction).toBeGreaterThan(cortexOnly.recoveryFraction + 0.2);
    // Same seed, same subject.
    expect(recoveryProtocol(resolveReach(SHORT), 1).trace.alpha).toEqual(r.trace.alpha);
  });

  it("relearns faster than it learned (savings)", () => {
    const r = savingsProtocol(resolveReach(SHORT), 1);
    expect(r.relearnHalfTrials).toBeLessThan(r.naiveHalfTrials);
  });
});
