/**
 * The integer-weight tier (src/kernels/intWeights.ts): its resolution, its stochastic rounding,
 * the wasm kernels against the TypeScript reference bit for bit (random inputs, odd P, empty
 * lists, arrays inside and outside the wasm memory, the change-tracking mask), and whole
 * Cerebellum runs: ts-int = wasm-int, incremental sums = full sums, same seed → same weights.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { saveCerebellum } from "../../src/brain/state.js";
import { getKernel, type Kernel, overrideDefaultBackend } from "../../src/kernels/index.js";
import {
  fixedChanges,
  intWeightFormat,
  referenceIntKernel as ref,
  roundingNoise,
} from "../../src/kernels/intWeights.js";
import { WasmKernel } from "../../src/kernels/wasm/wasmKernel.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { ConfigError } from "../../src/model/errors.js";
import { Rng } from "../../src/model/rng.js";
import { eyeblinkRunSchema } from "../../src/paradigms/eyeblink/config.js";
import { runCircuit, smallCircuit as sharedCircuit } from "./smallCircuit.js";

function expectSame(actual: ArrayLike<number>, expected: ArrayLike<number>, what = ""): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      expect.fail(`${what} index ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/** Mean |w − 1|: how far learning moved the weights from w₀ = 1. */
const meanOffset = (w: Float32Array) => w.reduce((acc, x) => acc + Math.abs(x - 1), 0) / w.length;

const made: Kernel[] = [];
afterAll(() => {
  for (const k of made) k.dispose?.();
});

describe("integer weight format", () => {
  it("picks the finest power-of-two resolution whose int16 range covers the bounds", () => {
    const f = intWeightFormat(1, 0, 2);
    expect(f.q).toBe(2 ** -14);
    expect([f.lo, f.hi]).toEqual([-16384, 16384]);
    const g = intWeightFormat(0.5, 0.2, 0.6);
    expect(0.3 / g.q).toBeLessThanOrEqual(32767);
    expect(0.3 / (g.q / 2)).toBeGreaterThan(32767);
    expect(g.lo).toBe(Math.ceil(-0.3 / g.q));
  });

  it("rounds sub-resolution changes stochastically, unbiased, and deterministically", () => {
    const f = intWeightFormat(1, 0, 2);
    const dw = Float64Array.of(0.3 * f.q, -0.7 * f.q, 2.25 * f.q, 0);
    const d = new Int32Array(4);
    fixedChanges(dw, f, d);
    const cells = 20000;
    const active = Int32Array.from({ length: cells }, (_, i) => i);
    const run = (key: number) => {
      const w = new Int16Array(cells * 4);
      ref.updateWeightsInt(active, cells, w, 4, d, f.lo, f.hi, key, null, null);
      return w;
    };
    const w = run(12345);
    for (const [p, want] of [
      [0, 0.3],
      [1, -0.7],
      [2, 2.25],
      [3, 0],
    ]) {
      let s = 0;
      for (let i = 0; i < cells; i++) s += w[i * 4 + p];
      expect(Math.abs(s / cells - want)).toBeLessThan(0.02);
    }
    // Only the two neighbouring multiples of q occur.
    let others = 0;
    for (let i = 0; i < cells; i++) if (w[i * 4 + 2] !== 2 && w[i * 4 + 2] !== 3) others++;
    expect(others).toBe(0);
    expectSame(run(12345), w, "same key");
    expect(run(54321)).not.toEqual(w);
    // The noise is a 16-bit value.
    let wide = 0;
    for (let i = 0; i < 1000; i++) if (roundingNoise(7, i) >>> 16 !== 0) wide++;
    expect(wide).toBe(0);
  });
});

type Where = "own" | "foreign";
const backends: { name: string; make: () => Kernel }[] = [
  { name: "wasm-int", make: () => new WasmKernel({ smallWork: 0, intWeights: true }) },
  {
    name: "wasm-int (plain memory)",
    make: () =>
      new WasmKernel({ shared: false, reserveBytes: 2 ** 24, smallWork: 0, intWeights: true }),
  },
];

for (const backend of backends) {
  describe(`${backend.name} matches the integer reference`, () => {
    const kernel = backend.make();
    made.push(kernel);
    const ops = kernel.intWeights;
    if (!ops) throw new Error("no integer tier");
    const arrays = kernel.alloc;
    const own = <T extends Int16Array | Int32Array | Float64Array | Uint8Array>(src: T): T => {
      const make =
        src instanceof Int16Array
          ? arrays?.int16
          : src instanceof Int32Array
            ? arrays?.int32
            : src instanceof Float64Array
              ? arrays?.float64
              : arrays?.uint8;
      if (!make) throw new Error("no allocator");
      const out = make(src.length) as T;
      out.set(src as never);
      return out;
    };
    const put = <T extends Int16Array | Int32Array | Float64Array | Uint8Array>(
      where: Where,
      src: T,
    ): T => (where === "own" ? own(src) : (src.slice() as T));

    for (const where of ["own", "foreign"] as Where[]) {
      it(`sums and updates bit for bit (${where} arrays, odd P, empty lists, masks)`, () => {
        const rng = new Rng(11);
        for (const [cells, purkinje, count] of [
          [500, 32, 137],
          [300, 5, 40],
          [257, 40, 256],
          [100, 13, 0],
          [2000, 1, 333],
          [70000, 32, 33000],
        ]) {
          const w = new Int16Array(cells * purkinje);
          for (let i = 0; i < w.length; i++) w[i] = rng.int(65536) - 32768;
          // Increasing distinct rows, as the granule layer lists them.
          const pick = Array.from({ length: cells }, (_, i) => i).filter(
            () => rng.uniform() < count / cells,
          );
          const active = Int32Array.from(pick);
          const n = active.length;
          const out0 = new Float64Array(purkinje + 3).fill(9);
          const out1 = put(where, new Float64Array(purkinje + 3).fill(9));
          ref.purkinjeSumInt(active, n, w, purkinje, out0);
          ops.purkinjeSumInt(put(where, active), n, put(where, w), purkinje, out1);
          expectSame(out1, out0, `sum ${cells}×${purkinje}`);

          const f = intWeightFormat(1, 0, 2);
          const dw = Float64Array.from({ length: purkinje }, (_, p) =>
            p % 7 === 3 ? 0 : (rng.uniform() - 0.5) * 40 * f.q,
          );
          const d = new Int32Array(purkinje);
          fixedChanges(dw, f, d);
          const mask = Uint8Array.from({ length: cells }, () => (rng.uniform() < 0.5 ? 1 : 0));
          for (const tracked of [false, true]) {
            const wa = w.slice();
            const wb = put(where, w);
            const acc0 = new Float64Array(purkinje).fill(0.5);
            const acc1 = put(where, acc0.slice());
            const m = tracked ? mask : null;
            ref.updateWeightsInt(
              active,
              n,
              wa,
              purkinje,
              d,
              -20000,
              20000,
              99,
              m,
              tracked ? acc0 : null,
            );
            ops.updateWeightsInt(
              put(where, active),
              n,
              wb,
              purkinje,
              put(where, d),
              -20000,
              20000,
              99,
              tracked ? put(where, mask) : null,
              tracked ? acc1 : null,
            );
            expectSame(wb, wa, `update ${cells}×${purkinje} tracked=${tracked}`);
            expectSame(acc1, acc0, `tracked change ${cells}×${purkinje}`);
            if (tracked && n > 0 && purkinje > 1) expect(acc0.some((x) => x !== 0.5)).toBe(true);
          }
        }
      });
    }

    for (const where of ["own", "foreign"] as Where[]) {
      it(`graded sums and updates bit for bit, hard and soft (${where} arrays, odd P, empty lists)`, () => {
        const rng = new Rng(12);
        const f = intWeightFormat(1, 0, 2);
        for (const [cells, purkinje, count] of [
          [500, 32, 137],
          [300, 5, 40],
          [257, 40, 256],
          [100, 13, 0],
          [2000, 1, 333],
          [3000, 37, 700],
          [70000, 32, 33000],
        ]) {
          const w = new Int16Array(cells * purkinje);
          for (let i = 0; i < w.length; i++) w[i] = rng.int(2 * f.hi + 1) + f.lo;
          // Rows at the int16 maximum, so that i32 sums would overflow if flushed too late.
          for (let i = 0; i < Math.min(w.length, 1000 * purkinje); i++) w[i] = 32767;
          const pick = Array.from({ length: cells }, (_, i) => i).filter(
            (i) => i < 1000 || rng.uniform() < count / cells,
          );
          const active = Int32Array.from(pick.slice(0, count === 0 ? 0 : pick.length));
          const n = active.length;
          // Rates: 0, 1, ties of the rounding (k + ½)/2⁸, and anything in between.
          const gain = Float32Array.from({ length: n }, (_, j) =>
            j % 11 === 0
              ? 1
              : j % 13 === 0
                ? 0
                : j % 5 === 0
                  ? (rng.int(256) + 0.5) / 256
                  : rng.uniform(),
          );
          const out0 = new Float64Array(purkinje + 3).fill(9);
          const out1 = put(where, new Float64Array(purkinje + 3).fill(9));
          ref.purkinjeSumIntGraded(active, gain, n, w, purkinje, out0);
          ops.purkinjeSumIntGraded(
            put(where, active),
            gain.slice(),
            n,
            put(where, w),
            purkinje,
            out1,
          );
          expectSame(out1, out0, `graded sum ${cells}×${purkinje}`);
          if (n > 0) expect(out0.slice(0, purkinje).some((x) => x !== 0)).toBe(true);

          const dw = Float64Array.from({ length: purkinje }, (_, p) =>
            p % 7 === 3 ? 0 : (rng.uniform() - 0.5) * 40 * f.q,
          );
          // The largest fixed-point steps (±2³⁰) in some columns.
          if (purkinje > 5) {
            dw[1] = 1;
            dw[5] = -1;
          }
          const d = new Int32Array(purkinje);
          fixedChanges(dw, f, d);
          for (const soft of [false, true]) {
            const wa = w.slice();
            const wb = put(where, w);
            ref.updateWeightsIntGraded(active, gain, n, wa, purkinje, d, f.lo, f.hi, 77, soft);
            ops.updateWeightsIntGraded(
              put(where, active),
              gain.slice(),
              n,
              wb,
              purkinje,
              put(where, d),
              f.lo,
              f.hi,
              77,
              soft,
            );
            expectSame(wb, wa, `graded update ${cells}×${purkinje} soft=${soft}`);
            if (n > 0) expect(wa).not.toEqual(w);
          }
        }
      });
    }

    it("graded calls the wasm loops cannot take go to the reference (NaN and out-of-range rates, lo = 0)", () => {
      const rng = new Rng(13);
      const purkinje = 32;
      const cells = 400;
      const w = own(Int16Array.from({ length: cells * purkinje }, () => rng.int(20001) - 10000));
      const active = own(Int32Array.from({ length: 200 }, (_, i) => 2 * i));
      const f = intWeightFormat(1, 0, 2);
      const dw = Float64Array.from({ length: purkinje }, () => (rng.uniform() - 0.5) * 40 * f.q);
      const d = own(new Int32Array(purkinje));
      fixedChanges(dw, f, d);
      for (const bad of [Number.NaN, 1.5, -0.25]) {
        const gain = Float32Array.from({ length: 200 }, (_, j) => (j === 57 ? bad : rng.uniform()));
        const out0 = new Float64Array(purkinje);
        const out1 = own(new Float64Array(purkinje));
        ref.purkinjeSumIntGraded(active, gain, 200, w, purkinje, out0);
        ops.purkinjeSumIntGraded(active, gain, 200, w, purkinje, out1);
        expectSame(out1, out0, `sum, rate ${bad}`);
        for (const soft of [false, true]) {
          const wa = w.slice();
          const wb = own(w);
          ref.updateWeightsIntGraded(active, gain, 200, wa, purkinje, d, f.lo, f.hi, 5, soft);
          ops.updateWeightsIntGraded(active, gain, 200, wb, purkinje, d, f.lo, f.hi, 5, soft);
          expectSame(wb, wa, `update, rate ${bad}, soft=${soft}`);
        }
      }
      // NaN reaches the sums as the reference has it (a wasm i32 rate would have made it 0).
      const gain = Float32Array.from({ length: 200 }, (_, j) => (j === 3 ? Number.NaN : 0.5));
      const out = own(new Float64Array(purkinje));
      ops.purkinjeSumIntGraded(active, gain, 200, w, purkinje, out);
      expect(Number.isNaN(out[0])).toBe(true);
      // lo = 0 (minWeight = w₀): the soft room divides by zero; only the reference takes it.
      const g = Float32Array.from({ length: 200 }, () => rng.uniform());
      const wa = w.slice();
      const wb = own(w);
      ref.updateWeightsIntGraded(active, g, 200, wa, purkinje, d, 0, f.hi, 9, true);
      ops.updateWeightsIntGraded(active, g, 200, wb, purkinje, d, 0, f.hi, 9, true);
      expectSame(wb, wa, "soft, lo = 0");
    });
  });
}

function smallCircuit(count: number, purkinje: number, relaxation = 0) {
  return sharedCircuit(count, purkinje, { relaxation });
}

describe("whole circuits on the integer tier", () => {
  const spec = smallCircuit(3001, 32);

  it("ts-int and wasm-int give the same outputs and weights; incremental sums equal full sums", () => {
    // a: ts-int with full sums (the default); b: wasm-int, full; c: wasm-int, incremental.
    const wasm = getKernel("wasm-int");
    made.push(wasm);
    const a = runCircuit(new Cerebellum(spec, getKernel("ts-int")), 700);
    const b = runCircuit(new Cerebellum(spec, wasm), 700);
    const inc = new Cerebellum(spec, getKernel("wasm-int"));
    if (!inc.purkinje.int) throw new Error("not the integer tier");
    inc.purkinje.int.incremental = true;
    const c = runCircuit(inc, 700);
    // The incremental sums did their own work: most steps changed few cells.
    expect(inc.purkinje.int.changedCells).toBeGreaterThan(0);
    expect(inc.purkinje.int.changedCells).toBeLessThan(0.5 * inc.purkinje.int.listedCells);
    expectSame(b.out, a.out, "wasm-int outputs");
    expectSame(b.w, a.w, "wasm-int weights");
    expectSame(c.out, a.out, "incremental-sum outputs");
    expectSame(c.w, a.w, "incremental-sum weights");
    // Learning happened: weights left w0, in multiples of q.
    const q = inc.purkinje.int.format.q;
    const moved = a.w.filter((x) => x !== 1);
    expect(moved.length).toBeGreaterThan(100);
    for (const x of moved.slice(0, 200)) expect(Number.isInteger((x - 1) / q)).toBe(true);
  });

  it("tracks the float tier's outputs (same circuit, same seed) to a few per cent", () => {
    const a = runCircuit(new Cerebellum(spec, getKernel("ts-int")), 700);
    const f = runCircuit(new Cerebellum(spec, getKernel("ts")), 700);
    let scale = 0;
    let diff = 0;
    for (let i = 0; i < f.out.length; i++) {
      scale = Math.max(scale, Math.abs(f.out[i]));
      diff = Math.max(diff, Math.abs(f.out[i] - a.out[i]));
    }
    expect(scale).toBeGreaterThan(0);
    expect(diff).toBeGreaterThan(0);
    expect(diff / scale).toBeLessThan(0.05);
  });

  it("same seed, same weights; another seed, other weights", () => {
    // Learning starts after the eligibility lag (≈ 360 steps).
    const a = runCircuit(new Cerebellum(spec, getKernel("ts-int")), 500);
    const b = runCircuit(new Cerebellum(spec, getKernel("ts-int")), 500);
    const c = runCircuit(new Cerebellum({ ...spec, seed: 4 }, getKernel("ts-int")), 500);
    expect(a.w.some((x) => x !== 1)).toBe(true);
    expectSame(b.w, a.w, "same seed");
    expect(c.w).not.toEqual(a.w);
  });

  it("relaxes toward w₀ as the float tier does (reach's two-rate cortex), on every backend alike", () => {
    // The integer tier once skipped relaxation: the same weights as without it, which this fails.

    const relaxing = smallCircuit(3001, 32, 0.05);
    const plain = runCircuit(new Cerebellum(spec, getKernel("ts-int")), 700);
    const a = runCircuit(new Cerebellum(relaxing, getKernel("ts-int")), 700);
    const f = runCircuit(new Cerebellum(relaxing, getKernel("ts")), 700);
    const wasm = getKernel("wasm-int");
    made.push(wasm);
    const inc = new Cerebellum(relaxing, wasm);
    if (!inc.purkinje.int) throw new Error("not the integer tier");
    inc.purkinje.int.incremental = true;
    const c = runCircuit(inc, 700);
    expectSame(c.out, a.out, "wasm-int incremental outputs");
    expectSame(c.w, a.w, "wasm-int incremental weights");
    // Measured: 0.70 of the offset without relaxation, and the float tier's to 10⁻⁴.
    expect(meanOffset(a.w)).toBeLessThan(0.9 * meanOffset(plain.w));
    expect(meanOffset(a.w) / meanOffset(f.w)).toBeGreaterThan(0.97);
    expect(meanOffset(a.w) / meanOffset(f.w)).toBeLessThan(1.03);
  });

  it("runs a graded granule layer: ts-int = wasm-int bit for bit, the float tier's learning to 3 %", () => {
    const base = smallCircuit(3001, 32);
    const params = cerebellumParamsSchema.parse({
      ...base.params,
      granule: { ...base.params.granule, output: "graded" },
    });
    const graded = { ...base, params };
    const wasm = getKernel("wasm-int");
    made.push(wasm);
    const a = runCircuit(new Cerebellum(graded, getKernel("ts-int")), 700);
    const b = runCircuit(new Cerebellum(graded, wasm), 700);
    expectSame(b.out, a.out, "graded wasm-int outputs");
    expectSame(b.w, a.w, "graded wasm-int weights");
    const f = runCircuit(new Cerebellum(graded, getKernel("ts")), 700);
    const binary = runCircuit(new Cerebellum(base, getKernel("ts-int")), 700);
    // The rates reached the update: a graded layer learns differently from a binary one.
    expect(a.w).not.toEqual(binary.w);
    expect(meanOffset(a.w) / meanOffset(f.w)).toBeGreaterThan(0.97);
    expect(meanOffset(a.w) / meanOffset(f.w)).toBeLessThan(1.03);
    const inc = new Cerebellum(graded, getKernel("ts-int"));
    if (!inc.purkinje.int) throw new Error("not the integer tier");
    inc.purkinje.int.incremental = true;
    expect(() => runCircuit(inc, 10)).toThrow(/backend: incremental integer sums need a binary/);
  });

  it("graded layers, hard and soft bounds: ts-int = wasm-int = wasm-int with a full memory (the reference fallback)", () => {
    for (const bounds of ["hard", "soft"]) {
      const base = sharedCircuit(3001, 32, { bounds });
      const params = cerebellumParamsSchema.parse({
        ...base.params,
        granule: { ...base.params.granule, output: "graded" },
      });
      const graded = { ...base, params };
      const wasm = getKernel("wasm-int");
      // 64 KiB of room: the circuit's arrays live outside the memory and cannot be copied in.
      const full = new WasmKernel({ shared: false, reserveBytes: 2 ** 17, intWeights: true });
      made.push(wasm, full);
      const a = runCircuit(new Cerebellum(graded, getKernel("ts-int")), 700);
      const b = runCircuit(new Cerebellum(graded, wasm), 700);
      const c = runCircuit(new Cerebellum(graded, full), 700);
      expect(a.w.some((x) => x !== 1)).toBe(true);
      expectSame(b.out, a.out, `${bounds}: wasm-int outputs`);
      expectSame(b.w, a.w, `${bounds}: wasm-int weights`);
      expectSame(c.out, a.out, `${bounds}: fallback outputs`);
      expectSame(c.w, a.w, `${bounds}: fallback weights`);
    }
  });

  it("refuses to save a state with a ConfigError naming the backend", () => {
    const brain = new Cerebellum(smallCircuit(500, 2), getKernel("ts-int"));
    expect(() => saveCerebellum(brain)).toThrow(ConfigError);
    expect(() => saveCerebellum(brain)).toThrow(/backend/);
  });
});

describe("the scorecard's backend override", () => {
  it("makes paradigm configs default to the named backend; a config's own backend wins", () => {
    try {
      expect(eyeblinkRunSchema.parse({ paradigm: "eyeblink" }).backend).toBe("wasm");
      overrideDefaultBackend("wasm-int");
      expect(eyeblinkRunSchema.parse({ paradigm: "eyeblink" }).backend).toBe("wasm-int");
      expect(eyeblinkRunSchema.parse({ paradigm: "eyeblink", backend: "ts" }).backend).toBe("ts");
      expect(() => overrideDefaultBackend("nope")).toThrow(/allowed: .*wasm-int/);
    } finally {
      overrideDefaultBackend(null);
    }
    expect(eyeblinkRunSchema.parse({ paradigm: "eyeblink" }).backend).toBe("wasm");
  });
});
