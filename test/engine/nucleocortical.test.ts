import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { type CerebellumParamsInput, cerebellumParamsSchema } from "../../src/model/cerebellum.js";

/** A small module with one cue channel, taught to respond 100 ms (20 steps) after the cue. */
function train(model: CerebellumParamsInput, trials: number) {
  const params = cerebellumParamsSchema.parse({ granule: { count: 1000 }, ...model });
  const brain = new Cerebellum({ kind: "cerebellum", params, channels: ["tone"], seed: 5 });
  const fed: number[] = [];
  const outputs: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    for (let t = 0; t < 500; t++) {
      const cue = t >= 100 && t < 140 ? 1 : 0;
      const us = t === 140 ? 1 : 0;
      const z = brain.step([cue], [us]);
      if (trial === trials - 1) {
        // previous[1]: the nucleocortical channel's value this step (the mossy layer keeps it).
        fed.push(brain.mossy.previous[1]);
        outputs.push(z[0]);
      }
    }
  }
  return { brain, fed, outputs };
}

describe("model.nucleocortical: the nucleus's output as a mossy channel of the granule layer", () => {
  it("feeds gain·[z(t − dt)]₊ to the mossy layer, and leaves those fibres out of the nucleus", () => {
    const gain = 2;
    const { brain, fed, outputs } = train({ nucleocortical: { enabled: true, gain } }, 30);
    expect(brain.mossy.previous.length).toBe(2);
    for (let t = 1; t < fed.length; t++) expect(fed[t]).toBe(gain * Math.max(0, outputs[t - 1]));
    // A learned response exists, so the channel carried something.
    expect(Math.max(...fed)).toBeGreaterThan(0);
    const { source } = brain.mossyWiring;
    const purkinje = brain.params.purkinje.count;
    let checked = 0;
    for (let m = 0; m < source.length; m++) {
      if (source[m] !== 1) continue;
      checked++;
      for (let q = 0; q < purkinje; q++) expect(brain.nucleus.v[m * purkinje + q]).toBe(0);
    }
    expect(checked).toBe(brain.params.mossy.fibresPerChannel);
    // …while the cue's own fibres reached the nucleus and were potentiated.
    const cueWeights = Array.from(source.entries())
      .filter(([, c]) => c === 0)
      .map(([m]) => brain.nucleus.v[m * purkinje]);
    expect(Math.max(...cueWeights)).toBeGreaterThan(0);
  });

  it("is off by default, and the same seed gives the same run with it on", () => {
    expect(cerebellumParamsSchema.parse({}).nucleocortical.enabled).toBe(false);
    const on = { nucleocortical: { enabled: true } };
    expect(train(on, 3).outputs).toEqual(train(on, 3).outputs);
    expect(train(on, 3).outputs).not.toEqual(train({}, 3).outputs);
  });
});
