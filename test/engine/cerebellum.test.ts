import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { type CerebellumParamsInput, cerebellumParamsSchema } from "../../src/model/cerebellum.js";

function build(overrides: CerebellumParamsInput = {}, seed = 1) {
  const params = cerebellumParamsSchema.parse({
    granule: { count: 1000 },
    mossy: { count: 64 },
    ...overrides,
  });
  return new Cerebellum({ kind: "cerebellum", params, channels: ["tone"], seed });
}

/** Repeated trials: tone on 0–600 ms, teacher pulse at 400–450 ms; returns z over the last trial. */
function train(brain: Cerebellum, trials: number): Float64Array {
  const length = 1000;
  const last = new Float64Array(length);
  for (let k = 0; k < trials; k++) {
    for (let t = 0; t < length; t++) {
      const z = brain.step([t < 600 ? 1 : 0], [t >= 400 && t < 450 ? 1 : 0]);
      if (k === trials - 1) last[t] = z[0];
    }
  }
  return last;
}

describe("cerebellum", () => {
  it("is deterministic: the same seed gives bit-identical outputs and weights", () => {
    const a = build();
    const b = build();
    expect(train(a, 3)).toEqual(train(b, 3));
    expect(a.purkinje.w).toEqual(b.purkinje.w);
    expect(a.nucleus.v).toEqual(b.nucleus.v);
    const c = build({}, 2);
    expect(train(c, 3)).not.toEqual(train(build(), 3));
  });

  it("holds the coding level at f while a cue drives the granule layer", () => {
    const brain = build({ granule: { count: 2000, codingLevel: 0.05 } });
    brain.step([1], [0]);
    for (let t = 0; t < 20; t++) brain.step([1], [0]);
    expect(brain.granule.count).toBe(100);
  });

  it("computes one step's granule drive, active set and nuclear output as documented", () => {
    const brain = build({ mossy: { noiseSd: 0 }, plasticity: { mfNucleus: { enabled: false } } });
    for (let t = 0; t < 30; t++) brain.step([1], [0]);
    const { units } = brain.basis;
    const inputs = brain.granuleInputs;
    const k = brain.params.granule.fanIn;
    const drive = Array.from({ length: brain.params.granule.count }, (_, i) => {
      let h = 0;
      for (let j = 0; j < k; j++) h += units[inputs[i * k + j]];
      return h;
    });
    for (const [i, h] of drive.entries()) expect(brain.granule.drive[i]).toBeCloseTo(h, 5);
    const active = Array.from(brain.granule.active.subarray(0, brain.granule.count));
    const floor = brain.params.granule.threshold;
    const weakestActive = Math.min(...active.map((i) => drive[i]));
    const strongestSilent = Math.max(
      ...drive.filter((h, i) => h > floor && !active.includes(i)),
      floor,
    );
    expect(weakestActive).toBeGreaterThan(floor);
    expect(weakestActive).toBeGreaterThanOrEqual(strongestSilent - 0.01);
    // With every weight at w₀ the Purkinje pause, and so z, is zero.
    expect(brain.purkinje.output[0]).toBeCloseTo(0, 12);
    // Depress the active cells' weights by 0.5: pause = 0.5·count/A, z = G·pause.
    for (const i of active) brain.purkinje.w[i] = brain.params.purkinje.initialWeight - 0.5;
    brain.purkinje.step(brain.granule.active, brain.granule.count);
    const A = Math.round(brain.params.granule.codingLevel * brain.params.granule.count);
    expect(brain.purkinje.pause[0]).toBeCloseTo((0.5 * active.length) / A, 6);
    expect(brain.purkinje.output[0]).toBeCloseTo(
      brain.params.purkinje.outputGain * brain.purkinje.pause[0],
      6,
    );
  });

  it("learns to emit the teacher signal Δ = 100 ms ahead of it", () => {
    const brain = build({ plasticity: { pfPurkinje: { ltd: 0.0005, ltp: 0.0005 } } });
    const z = train(brain, 40);
    const peak = z.indexOf(Math.max(...z));
    expect(peak).toBeGreaterThan(400 - 100 - 40);
    expect(peak).toBeLessThan(450 - 100 + 40);
    expect(z[peak]).toBeGreaterThan(0.1);
    // Far from the reinforced time the output stays near baseline.
    expect(Math.abs(z[100])).toBeLessThan(z[peak] / 2);
  });

  it("does not learn while learning is paused; a lesion scales the pause and removes tonic inhibition", () => {
    const brain = build();
    brain.learning = false;
    train(brain, 2);
    expect(brain.purkinje.w.every((w) => w === brain.params.purkinje.initialWeight)).toBe(true);
    brain.learning = true;
    train(brain, 5);
    brain.learning = false;
    brain.step([1], [0]);
    const cortex = brain.params.purkinje.outputGain * brain.purkinje.pause[0];
    expect(Math.abs(cortex)).toBeGreaterThan(0);
    const tonic = brain.params.purkinje.tonicInhibition;
    expect(tonic).toBeGreaterThan(0);
    brain.purkinje.lesion = 0.5;
    brain.purkinje.step(brain.granule.active, brain.granule.count);
    // Half the Purkinje cells gone: half the learned pause, half the tonic inhibition lifted.
    expect(brain.purkinje.output[0]).toBeCloseTo(cortex / 2 + tonic / 2, 10);
    brain.purkinje.lesion = 1;
    brain.purkinje.step(brain.granule.active, brain.granule.count);
    // Full disconnection: no pause left, the nucleus sits T above its intact baseline.
    expect(brain.purkinje.output[0]).toBeCloseTo(tonic, 10);
  });

  it("tonic Purkinje inhibition leaves an intact animal's output unchanged", () => {
    const outputs = [0, 0.2].map((tonicInhibition) => {
      const brain = build({ purkinje: { tonicInhibition } });
      return train(brain, 5);
    });
    expect(outputs[1]).toEqual(outputs[0]);
  });
});
