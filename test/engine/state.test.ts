import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { restoreCerebellum, saveCerebellum } from "../../src/brain/state.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";

function stream(brain: Cerebellum, from: number, steps: number): number[] {
  const out: number[] = [];
  for (let t = from; t < from + steps; t++) {
    const phase = t % 700;
    const z = brain.step(
      [phase < 400 ? 1 : 0, phase > 300 ? 0.5 : 0],
      [phase >= 300 && phase < 340 ? 1 : 0, 0.2],
    );
    out.push(z[0], z[1]);
  }
  return out;
}

describe("save and restore", () => {
  it("continues bit-identically after a JSON round trip of the whole state", () => {
    const params = cerebellumParamsSchema.parse({
      granule: { count: 800 },
      mossy: { count: 32, fibresPerChannel: 8 },
      purkinje: { count: 2 },
      plasticity: { pfPurkinje: { ltd: 0.001, ltp: 0.001 }, mfNucleus: { rate: 0.0005 } },
    });
    const spec = { kind: "cerebellum" as const, params, channels: ["a", "b"], seed: 9 };
    const original = new Cerebellum(spec);
    stream(original, 0, 1500);
    const saved = JSON.parse(JSON.stringify(saveCerebellum(original)));
    const restored = restoreCerebellum(saved);
    expect(restored.time).toBe(1500);
    expect(stream(restored, 1500, 2000)).toEqual(stream(original, 1500, 2000));
    expect(restored.purkinje.w).toEqual(original.purkinje.w);
    expect(restored.nucleus.v).toEqual(original.nucleus.v);
  });

  it("rejects a state that does not fit its spec", () => {
    const params = cerebellumParamsSchema.parse({ granule: { count: 200 }, mossy: { count: 16 } });
    const state = saveCerebellum(
      new Cerebellum({ kind: "cerebellum", params, channels: ["a"], seed: 1 }),
    );
    state.arrays.weights = state.arrays.weights.slice(0, 8);
    expect(() => restoreCerebellum(state)).toThrow(/state\.arrays\.weights: has \d+ bytes/);
    expect(() => restoreCerebellum({ ...state, format: "x" } as never)).toThrow(/state\.format/);
  });
});
