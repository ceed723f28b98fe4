/**
 * Soft-bound PF→PC plasticity (`plasticity.pfPurkinje.bounds: soft`, src/circuit/softBounds.ts):
 * the step by hand, gradual saturation, every float backend alike bit for bit, the integer tier
 * alike on its backends and close to the float tier, and the bad-configuration errors.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { softBounds, softStep, updateWeightsSoft } from "../../src/circuit/softBounds.js";
import { getKernel, type Kernel } from "../../src/kernels/index.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { ConfigError } from "../../src/model/errors.js";
import { runCircuit, smallCircuit } from "../kernels/smallCircuit.js";

const made: Kernel[] = [];
afterAll(() => {
  for (const k of made) k.dispose?.();
});

describe("the soft-bound step", () => {
  const b = softBounds(0.6, 1.4, 1);

  it("is the hard step at w₀ and shrinks with the room toward the bound it moves to", () => {
    expect(softStep(1, -0.01, b)).toBeCloseTo(-0.01, 15);
    expect(softStep(1, 0.01, b)).toBeCloseTo(0.01, 15);
    // Halfway to the lower bound: LTD at half rate, LTP at 1.5× (more room above).
    expect(softStep(0.8, -0.01, b)).toBeCloseTo(-0.005, 15);
    expect(softStep(0.8, 0.01, b)).toBeCloseTo(0.015, 15);
    expect(Math.abs(softStep(0.6, -0.01, b))).toBe(0);
    expect(softStep(1.4, 0.01, b)).toBe(0);
  });

  it("saturates gradually: repeated LTD approaches the bound geometrically and never reaches it", () => {
    const w = new Float32Array(2).fill(1);
    const active = Int32Array.of(0);
    const dw = Float64Array.of(-0.04, 0);
    let expected = 1;
    for (let n = 0; n < 50; n++) {
      updateWeightsSoft(active, null, 1, w, 2, dw, b);
      expected = Math.fround(expected + softStep(expected, -0.04, b));
    }
    expect(w[0]).toBe(expected);
    // (w − lo) = 0.4·0.9⁵⁰ ≈ 0.0021: close to the bound, not at it; dw = 0 left the other alone.
    expect(w[0] - 0.6).toBeGreaterThan(0.001);
    expect(w[0] - 0.6).toBeLessThan(0.004);
    expect(w[1]).toBe(1);
  });

  it("scales a graded cell's step by its rate before the room", () => {
    const w = new Float32Array(1).fill(0.8);
    updateWeightsSoft(Int32Array.of(0), Float32Array.of(0.5), 1, w, 1, Float64Array.of(-0.02), b);
    expect(w[0]).toBe(Math.fround(0.8 + softStep(0.8, 0.5 * -0.02, b)));
  });

  it("needs minWeight < initialWeight < maxWeight, and says so with the field", () => {
    expect(() => softBounds(1, 2, 1)).toThrow(ConfigError);
    expect(() => softBounds(1, 2, 1)).toThrow(/model\.plasticity\.pfPurkinje\.bounds.*"hard"/);
    const params = cerebellumParamsSchema.parse({
      plasticity: { pfPurkinje: { bounds: "soft", minWeight: 1 } },
    });
    const spec = { kind: "cerebellum" as const, params, channels: ["a"], seed: 1 };
    expect(() => new Cerebellum(spec, getKernel("ts"))).toThrow(/pfPurkinje\.bounds/);
    expect(() =>
      cerebellumParamsSchema.parse({ plasticity: { pfPurkinje: { bounds: "sticky" } } }),
    ).toThrow(/bounds/);
  });
});

function circuit(bounds: "hard" | "soft") {
  // Fast learning, so hard-bound weights reach their clamps within the run.
  return smallCircuit(3001, 32, { minWeight: 0.6, maxWeight: 1.4, bounds });
}

/** The shared circuit with a stronger teacher (spike 4, background 0.4). */
function run(brain: Cerebellum, steps: number) {
  return runCircuit(brain, steps, 4, 0.4);
}

describe("soft bounds in whole circuits", () => {
  it("keeps weights off the clamps that hard bounds reach, with every float backend alike", () => {
    const hard = run(new Cerebellum(circuit("hard"), getKernel("ts")), 1500);
    const soft = run(new Cerebellum(circuit("soft"), getKernel("ts")), 1500);
    const atClamp = (w: Float32Array) => w.filter((x) => x === Math.fround(0.6)).length;
    expect(atClamp(hard.w)).toBeGreaterThan(100);
    expect(atClamp(soft.w)).toBe(0);
    const moved = soft.w.filter((x) => x !== 1).length;
    expect(moved).toBeGreaterThan(1000);
    for (const name of ["wasm", "wasm-threads"]) {
      const kernel = getKernel(name);
      made.push(kernel);
      const other = run(new Cerebellum(circuit("soft"), kernel), 1500);
      expect(other.w, name).toEqual(soft.w);
      expect(other.out, name).toEqual(soft.out);
    }
  });

  it("on the integer tier: ts-int = wasm-int bit for bit, close to the float tier", () => {
    const float = run(new Cerebellum(circuit("soft"), getKernel("ts")), 1500);
    const a = run(new Cerebellum(circuit("soft"), getKernel("ts-int")), 1500);
    const wasm = getKernel("wasm-int");
    made.push(wasm);
    const inc = new Cerebellum(circuit("soft"), wasm);
    if (!inc.purkinje.int) throw new Error("not the integer tier");
    inc.purkinje.int.incremental = true;
    const b = run(inc, 1500);
    expect(b.w).toEqual(a.w);
    expect(b.out).toEqual(a.out);
    const offset = (w: Float32Array) => w.reduce((s, x) => s + Math.abs(x - 1), 0) / w.length;
    const hardInt = run(new Cerebellum(circuit("hard"), getKernel("ts-int")), 1500);
    expect(offset(a.w) / offset(float.w)).toBeGreaterThan(0.97);
    expect(offset(a.w) / offset(float.w)).toBeLessThan(1.03);
    // The soft rule is not the hard one on this tier either.
    expect(Math.abs(offset(a.w) - offset(hardInt.w))).toBeGreaterThan(0.01 * offset(hardInt.w));
  });
});
