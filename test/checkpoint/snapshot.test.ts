import { describe, expect, it } from "vitest";
import { Rng } from "../../src/model/rng.js";
import { restoreState, snapshotState } from "../../src/paradigms/snapshot.js";
import { fieldOf } from "../configErrors.js";

class Layer {
  w = new Float32Array(4);
  rng = new Rng(7);
  last = Number.NEGATIVE_INFINITY;
  gain = 1;
  onStep = () => this.w[0];
}

/** A run's state as a paradigm builds it: modules, a shared object, results, behaviour. */
function fresh() {
  const shared = { count: 0 };
  return {
    layer: new Layer(),
    a: shared,
    b: shared,
    seen: new Map<string, number>(),
    results: [] as { x: number; trace: Float64Array }[],
    stimulus: { velocity: (t: number) => t },
  };
}

function advance(s: ReturnType<typeof fresh>) {
  for (let i = 0; i < 3; i++) {
    s.layer.w[i] = s.layer.rng.normal();
    s.layer.last = i;
    s.a.count++;
    s.seen.set(`k${i}`, i);
    s.results.push({ x: i === 1 ? Number.NaN : -0, trace: Float64Array.of(i, 2 * i) });
  }
}

const saved = () => {
  const s = fresh();
  advance(s);
  return { s, json: JSON.parse(JSON.stringify(snapshotState(s))) };
};

describe("snapshotState / restoreState", () => {
  it("a restored state continues exactly as the saved one", () => {
    const { s, json } = saved();
    const r = fresh();
    const w = r.layer.w;
    const stimulus = r.stimulus;
    restoreState(r, json);
    expect(r.layer.w).toBe(w); // typed arrays in place (a kernel keeps its view)
    expect(Array.from(r.layer.w)).toEqual(Array.from(s.layer.w));
    expect(r.layer.last).toBe(2);
    expect(r.a).toBe(r.b); // one object reached twice stays one object
    expect(r.a.count).toBe(3);
    expect([...r.seen]).toEqual([...s.seen]);
    expect(Number.isNaN(r.results[1].x)).toBe(true);
    expect(Object.is(r.results[0].x, -0)).toBe(true);
    expect(Array.from(r.results[2].trace)).toEqual([2, 4]);
    expect(r.stimulus).toBe(stimulus); // behaviour is kept as start() built it
    expect(r.layer.onStep()).toBe(s.layer.w[0]);
    // Same RNG stream after the restore.
    expect(r.layer.rng.uniform()).toBe(s.layer.rng.uniform());
  });

  it("refuses a state that does not fit, naming the path", () => {
    // biome-ignore lint/suspicious/noExplicitAny: a saved state's JSON, edited by hand
    const at = (edit: (j: any) => void) => {
      const { json } = saved();
      edit(json);
      return fieldOf(() => restoreState(fresh(), json, "state"));
    };
    expect(at((j) => (j.v.layer.v.rng.v.a = 1.5))).toBe("state.layer.rng.a");
    // NaN where a fresh run holds a finite number; where it holds −∞ (not yet seen) it may be saved.
    expect(at((j) => (j.v.layer.v.gain = { $: "num", v: "NaN" }))).toBe("state.layer.gain");
    expect(at((j) => (j.v.layer.v.last = { $: "num", v: "Infinity" }))).toBeUndefined();
    expect(at((j) => (j.v.layer.v.w.v = "AAAA"))).toBe("state.layer.w.v"); // 3 bytes
    expect(at((j) => (j.v.layer.v.w.v = "AAAAAA=="))).toBe("state.layer.w"); // 1 float, not 4
    expect(at((j) => (j.v.layer.v.w.v = "AAAAAAAAAAAAAAAAAADAfw=="))).toBe("state.layer.w"); // a NaN
    expect(at((j) => (j.v.layer.c = "Other"))).toBe("state.layer");
    expect(at((j) => delete j.v.layer.v.last)).toBe("state.layer");
    expect(at((j) => (j.v.extra = 1))).toBe("state.extra");
    expect(at((j) => (j.v.b = { $: "ref", v: ".nowhere" }))).toBe("state.b.v");
    expect(at((j) => (j.v.results[0].v.trace.t = "BigInt64Array"))).toBe(
      "state.results[0].trace.t",
    );
  });
});

describe("kernels are machinery, not state", () => {
  it("a wasm kernel is left as the resumed run built it; the model arrays in its memory are saved through their owners", async () => {
    const { getKernel } = await import("../../src/kernels/index.js");
    const { kernelArrays } = await import("../../src/kernels/kernel.js");
    const kernel = getKernel("wasm");
    const w = kernelArrays(kernel).float32(8);
    const state = { kernel, layer: { w } };
    w.fill(0.25);
    const saved = JSON.parse(JSON.stringify(snapshotState(state)));
    expect(saved.v.kernel).toEqual({ $: "keep" });
    const w2 = kernelArrays(kernel).float32(8);
    const into = { kernel, layer: { w: w2 } };
    restoreState(into, saved, "checkpoint.state");
    expect(into.kernel).toBe(kernel);
    expect(Array.from(into.layer.w)).toEqual(new Array(8).fill(0.25));
  });
});
