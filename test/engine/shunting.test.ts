import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { type CerebellumParamsInput, cerebellumParamsSchema } from "../../src/model/cerebellum.js";

const CUE_ON = 100;
const CUE_OFF = 140;

/** A small module with one cue channel, taught to respond at cue offset (the US, 40 steps in). */
function build(model: CerebellumParamsInput): Cerebellum {
  const params = cerebellumParamsSchema.parse({ granule: { count: 1000 }, ...model });
  return new Cerebellum({ kind: "cerebellum", params, channels: ["tone"], seed: 5 });
}

/** One trial; `each` sees the module after every step. Returns z's peak and the pause's. */
function trial(brain: Cerebellum, each?: (z: number) => void) {
  let peakZ = 0;
  let peakPause = 0;
  for (let t = 0; t < 300; t++) {
    const cue = t >= CUE_ON && t < CUE_OFF ? 1 : 0;
    const z = brain.step([cue], [t === CUE_OFF ? 1 : 0])[0];
    each?.(z);
    peakZ = Math.max(peakZ, z);
    peakPause = Math.max(peakPause, brain.purkinje.pause[0]);
  }
  return { peakZ, peakPause };
}

function train(model: CerebellumParamsInput, trials: number) {
  const brain = build(model);
  let last = { peakZ: 0, peakPause: 0 };
  for (let n = 0; n < trials; n++) last = trial(brain);
  return { brain, ...last };
}

/** The nucleus's mossy drive M = (1/F) Σ_m v_m x̃_m this step (P = 1). */
function mossyDrive(brain: Cerebellum): number {
  const { v, input } = brain.nucleus;
  let sum = 0;
  for (let m = 0; m < input.length; m++) sum += v[m] * input[m];
  return sum / brain.params.mossy.fibresPerChannel;
}

describe("purkinje.shuntingExcitation: Purkinje inhibition of the nuclei as a shunt", () => {
  it("scales the Purkinje part of z by the nucleus's excitation b + [M]₊, then adds M", () => {
    const b = 0.2;
    const lesion = 0.3;
    const { brain } = train(
      { purkinje: { shuntingExcitation: b }, lesion: { cortexFraction: lesion } },
      40,
    );
    brain.learning = false; // v as used by this step's z (learning would change it after)
    // Nuclear weights as after long training (this short one barely moves them).
    brain.nucleus.v.fill(0.3);
    const { outputGain, tonicInhibition } = brain.params.purkinje;
    let largestM = 0;
    trial(brain, (z) => {
      const purkinjePart =
        (1 - lesion) * outputGain * brain.purkinje.pause[0] + lesion * tonicInhibition;
      const m = mossyDrive(brain);
      largestM = Math.max(largestM, m);
      expect(z).toBeCloseTo(purkinjePart * (b + Math.max(0, m)) + m, 12);
    });
    // The nuclear site was potentiated, so the scaling was exercised beyond b alone.
    expect(largestM).toBeGreaterThan(0.1);
  });

  it("leaves early cortical learning latent: a larger pause, a smaller response than the linear sum", () => {
    const linear = train({}, 15);
    const shunted = train({ purkinje: { shuntingExcitation: 0.2 } }, 15);
    expect(shunted.peakPause).toBeGreaterThan(linear.peakPause);
    expect(shunted.peakZ).toBeLessThan(0.5 * linear.peakZ);
  });

  it("is off by default, and the same seed gives the same run with it on", () => {
    expect(cerebellumParamsSchema.parse({}).purkinje.shuntingExcitation).toBe(0);
    const on = { purkinje: { shuntingExcitation: 0.5 } };
    const outputs = (model: CerebellumParamsInput) => {
      const brain = build(model);
      const zs: number[] = [];
      for (let n = 0; n < 3; n++) trial(brain, (z) => zs.push(z));
      return zs;
    };
    expect(outputs(on)).toEqual(outputs(on));
    expect(outputs(on)).not.toEqual(outputs({}));
  });
});
