/**
 * Every kernel backend against the TypeScript reference (src/kernels/reference.ts): the same
 * random inputs must give bit-identical outputs (kernel.ts fixes the float64 summation order),
 * with arrays in the backend's own memory and arrays from outside it, at odd sizes, K ≠ 4,
 * P ≠ 32 and empty lists; and a whole Cerebellum run with the same seed must give identical
 * outputs and weights.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { getKernel, type Kernel, kernelArrays } from "../../src/kernels/index.js";
import { referenceKernel as ref } from "../../src/kernels/reference.js";
import { ThreadedWasmKernel } from "../../src/kernels/wasm/threads.js";
import { WasmKernel } from "../../src/kernels/wasm/wasmKernel.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { Rng } from "../../src/model/rng.js";

/** Element-wise Object.is (0 ≠ −0), with the first difference in the message. */
function expectSame(actual: ArrayLike<number>, expected: ArrayLike<number>, what = ""): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      expect.fail(`${what} index ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/** FNV-1a over the bytes of typed arrays: one number per state. */
function hash(...arrays: ArrayBufferView[]): number {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  }
  return h >>> 0;
}

type Where = "own" | "foreign";
const backends: { name: string; make: () => Kernel }[] = [
  // smallWork 0: the wasm loops run even for the tests' small inputs.
  { name: "wasm", make: () => new WasmKernel({ smallWork: 0 }) },
  {
    name: "wasm (plain memory)",
    make: () => new WasmKernel({ shared: false, reserveBytes: 2 ** 24, smallWork: 0 }),
  },
  // Three threads splitting every call (no thresholds, no timing), so the small inputs are split.
  {
    name: "wasm-threads",
    make: () =>
      new ThreadedWasmKernel({
        threads: 3,
        minCells: 0,
        minWeights: 0,
        spin: 100,
        adaptive: false,
        smallWork: 0,
      }),
  },
];
const made: Kernel[] = [];
afterAll(() => {
  for (const k of made) k.dispose?.();
});

/** A copy of `src` in the kernel's memory ("own") or as a plain array ("foreign"). */
function put<T extends Float32Array | Float64Array | Int32Array | Uint32Array>(
  kernel: Kernel,
  where: Where,
  src: T,
): T {
  if (where === "foreign") return src.slice() as T;
  const a = kernelArrays(kernel);
  const make =
    src instanceof Float32Array
      ? a.float32
      : src instanceof Float64Array
        ? a.float64
        : src instanceof Int32Array
          ? a.int32
          : a.uint32;
  const out = make(src.length) as T;
  out.set(src as never);
  return out;
}

function randomUnits(rng: Rng, n: number): Float32Array {
  // Quantised values: many ties in the drives, and exact float32 sums are rare.
  const u = new Float32Array(n);
  for (let i = 0; i < n; i++) u[i] = rng.uniform() < 0.3 ? 0 : Math.round(rng.uniform() * 64) / 17;
  return u;
}

function randomWiring(rng: Rng, cells: number, fanIn: number, units: number): Int32Array {
  const w = new Int32Array(cells * fanIn);
  for (let q = 0; q < w.length; q++) w[q] = rng.int(units);
  return w;
}

for (const backend of backends) {
  describe(`${backend.name} backend matches the reference`, () => {
    const kernel = backend.make();
    made.push(kernel);
    beforeAll(async () => {
      // Threads must be running, or the calling thread does all the work.
      if (kernel instanceof ThreadedWasmKernel) await kernel.whenReady();
    });

    it("lists cells above the floor exactly at float32 boundaries (floor as float32, between, ±0, NaN, ±∞)", () => {
      // Cell i's drive is unit i's value (its other three inputs are a unit at 0), so the drives
      // are every float32 near each floor: the float64 comparison h > floor must hold exactly.
      const f32 = (x: number) => Math.fround(x);
      const bits = new Float32Array(1);
      const ints = new Int32Array(bits.buffer);
      const step = (x: number, by: number) => {
        bits[0] = x;
        ints[0] += x >= 0 ? by : -by;
        return bits[0];
      };
      const centres = [2.2, f32(2.2), -1.5, 0, 1e-45, 3.4e38];
      const values = [0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN];
      for (const c of centres) for (const by of [-2, -1, 0, 1, 2]) values.push(step(f32(c), by));
      const units = Float32Array.from([0, ...values]);
      // Odd cell count: the 4-cell loop and its tail both compare.
      const cells = values.length + (values.length % 4 === 0 ? 1 : 0);
      const inputs = new Int32Array(cells * 4);
      for (let i = 0; i < cells; i++) inputs[i * 4] = 1 + (i % values.length);
      const floors = [
        ...centres,
        ...centres.map((c) => step(f32(c), 1)),
        -0,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        1e300,
        -1e300,
        -1e-300,
      ];
      const refPlan = ref.prepareGranule(inputs, 4);
      const plan = kernel.prepareGranule(put(kernel, "own", inputs), 4);
      for (const floor of floors) {
        const above0 = new Int32Array(cells);
        const d0 = new Float32Array(cells);
        const c0 = ref.granuleDriveAbove(
          units,
          refPlan,
          new Float32Array(cells),
          floor,
          above0,
          d0,
        );
        const above1 = put(kernel, "own", new Int32Array(cells));
        const d1 = put(kernel, "own", new Float32Array(cells));
        const drive1 = put(kernel, "own", new Float32Array(cells));
        const c1 = kernel.granuleDriveAbove(
          put(kernel, "own", units),
          plan,
          drive1,
          floor,
          above1,
          d1,
        );
        expect(c1, `count above ${floor}`).toBe(c0);
        expectSame(above1.subarray(0, c0), above0.subarray(0, c0), `above ${floor}`);
        expectSame(d1.subarray(0, c0), d0.subarray(0, c0), `drives above ${floor}`);
      }
    });

    for (const where of ["own", "foreign"] as const) {
      it(`granule drive and selection (${where} arrays), odd sizes, K = 4, 3, 7, packed and not`, () => {
        const rng = new Rng(11);
        for (const [cells, fanIn, unitCount] of [
          [1, 4, 5],
          [37, 4, 40],
          [1001, 4, 300],
          [513, 3, 100],
          [257, 7, 90],
          [300, 4, 70000], // indices past 2¹⁶: not packable
          [0, 4, 10],
        ]) {
          const units = randomUnits(rng, unitCount);
          const inputs = randomWiring(rng, cells, fanIn, unitCount);
          const floor = 2 + rng.uniform();
          // Plain drive.
          const d0 = new Float32Array(cells);
          ref.granuleDrive(units, inputs, fanIn, d0);
          const d1 = put(kernel, where, new Float32Array(cells));
          kernel.granuleDrive(put(kernel, where, units), put(kernel, where, inputs), fanIn, d1);
          expectSame(d1, d0, `drive N=${cells} K=${fanIn}`);
          // Drive with the list above the floor, then the selection, for several targets.
          const refPlan = ref.prepareGranule(inputs, fanIn);
          const plan = kernel.prepareGranule(put(kernel, where, inputs), fanIn);
          for (const target of [
            -1,
            0,
            1,
            Math.floor(cells / 20),
            Math.floor(cells / 2),
            cells + 1,
          ]) {
            const above0 = new Int32Array(cells);
            const aboveDrive0 = new Float32Array(cells);
            const drive0 = new Float32Array(cells);
            const c0 = ref.granuleDriveAbove(units, refPlan, drive0, floor, above0, aboveDrive0);
            const above1 = put(kernel, where, new Int32Array(cells));
            const aboveDrive1 = put(kernel, where, new Float32Array(cells));
            const drive1 = put(kernel, where, new Float32Array(cells));
            const u1 = put(kernel, where, units);
            const c1 = kernel.granuleDriveAbove(u1, plan, drive1, floor, above1, aboveDrive1);
            expect(c1).toBe(c0);
            expectSame(drive1, drive0, "drive");
            expectSame(above1.subarray(0, c0), above0.subarray(0, c0), "above");
            expectSame(aboveDrive1.subarray(0, c0), aboveDrive0.subarray(0, c0), "aboveDrive");
            for (const bins of [1, 7, 1024]) {
              const h0 = new Uint32Array(bins);
              const act0 = new Int32Array(Math.max(1, target));
              const n0 = ref.selectAbove(above0, aboveDrive0, c0, target, floor, act0, h0);
              const h1 = put(kernel, where, new Uint32Array(bins));
              const act1 = put(kernel, where, new Int32Array(Math.max(1, target)));
              const n1 = kernel.selectAbove(above1, aboveDrive1, c1, target, floor, act1, h1);
              expect(n1).toBe(n0);
              expectSame(act1, act0, `selectAbove target=${target} bins=${bins}`);
              // The three-pass selection from the drives.
              const s0 = new Int32Array(cells + 1);
              const m0 = ref.selectActive(drive0, target, floor, s0, new Uint32Array(bins));
              const s1 = put(kernel, where, new Int32Array(cells + 1));
              const m1 = kernel.selectActive(drive1, target, floor, s1, put(kernel, where, h0));
              expect(m1).toBe(m0);
              expectSame(s1, s0, `selectActive target=${target} bins=${bins}`);
            }
          }
        }
      });

      it(`granule drive over sparse units (${where} arrays): most units +0, some −0, units that start +0 and turn nonzero, odd N`, () => {
        // The eyeblink case: most basis units stay +0, so the wasm kernel lays the wiring out
        // without them (driveSparse) and lays it out again when one of them turns nonzero.
        const rng = new Rng(23);
        for (const [cells, unitCount] of [
          [1, 9],
          [7, 40],
          [1003, 600],
          [4001, 2176],
          [70001, 5000], // past 2¹⁶ cells
        ]) {
          const units = new Float32Array(unitCount);
          // A few units live from the start; −0 among them (a kept input at −0 must give +0
          // sums where the reference's do).
          const live = (u: number) => u % 7 === 0;
          const inputs = randomWiring(rng, cells, 4, unitCount);
          const refPlan = ref.prepareGranule(inputs, 4);
          const plan = kernel.prepareGranule(put(kernel, where, inputs), 4);
          const u1 = put(kernel, where, units);
          const drive1 = put(kernel, where, new Float32Array(cells));
          const above1 = put(kernel, where, new Int32Array(cells));
          const aboveDrive1 = put(kernel, where, new Float32Array(cells));
          for (let step = 0; step < 40; step++) {
            for (let u = 0; u < unitCount; u++) {
              if (live(u)) {
                const r = rng.uniform();
                units[u] = r < 0.2 ? 0 : r < 0.3 ? -0 : Math.round(rng.uniform() * 40) / 9;
              }
            }
            // From step 10 on, more units wake up (a left-out unit turning nonzero), some only
            // for one step; a NaN and an ∞ once.
            if (step >= 10) units[rng.int(unitCount)] = Math.round(rng.uniform() * 30) / 7;
            if (step === 20) units[rng.int(unitCount)] = -0;
            if (step === 25) units[rng.int(unitCount)] = Number.NaN;
            if (step === 26) units[rng.int(unitCount)] = Number.POSITIVE_INFINITY;
            if (step === 30) units.fill(0);
            u1.set(units);
            for (const floor of step % 5 === 4 ? [-1, -0, 2] : [2.5]) {
              const drive0 = new Float32Array(cells);
              const above0 = new Int32Array(cells);
              const aboveDrive0 = new Float32Array(cells);
              const c0 = ref.granuleDriveAbove(units, refPlan, drive0, floor, above0, aboveDrive0);
              const c1 = kernel.granuleDriveAbove(u1, plan, drive1, floor, above1, aboveDrive1);
              const what = `N=${cells} step=${step} floor=${floor}`;
              expect(c1, what).toBe(c0);
              expectSame(drive1, drive0, `drive ${what}`);
              expectSame(above1.subarray(0, c0), above0.subarray(0, c0), `above ${what}`);
              expectSame(aboveDrive1.subarray(0, c0), aboveDrive0.subarray(0, c0), what);
            }
          }
          // The single-thread wasm kernels did run the sparse layout (the threads do not; in the
          // small cases most units have woken up, and the dense loop took over).
          if (
            cells > 1000 &&
            kernel instanceof WasmKernel &&
            !(kernel instanceof ThreadedWasmKernel)
          )
            expect((plan as { sparse?: unknown }).sparse, "sparse layout").toBeTruthy();
        }
      });

      it(`selects in place (active = above) with ${where} arrays`, () => {
        const rng = new Rng(5);
        const drive = new Float32Array(999).map(() => Math.round(rng.uniform() * 40) / 8);
        const above0 = new Int32Array(999);
        const aboveDrive0 = new Float32Array(999);
        let c = 0;
        for (let i = 0; i < drive.length; i++) {
          if (drive[i] > 1) {
            above0[c] = i;
            aboveDrive0[c++] = drive[i];
          }
        }
        const above1 = put(kernel, where, above0);
        const n0 = ref.selectAbove(above0, aboveDrive0, c, 50, 1, above0, new Uint32Array(64));
        const ad1 = put(kernel, where, aboveDrive0);
        const n1 = kernel.selectAbove(above1, ad1, c, 50, 1, above1, new Uint32Array(64));
        expect(n1).toBe(n0);
        // Entries past n are unspecified (kernel.ts): the vector path leaves shuffle filler there.
        expectSame(above1.subarray(0, n0), above0.subarray(0, n0), "in place");
      });

      it(`purkinjeSum and updateWeights (${where} arrays), P = 1, 3, 8, 13, 32, 37`, () => {
        const rng = new Rng(7);
        for (const purkinje of [1, 3, 8, 13, 32, 37]) {
          const cells = 211;
          const w0 = new Float32Array(cells * purkinje).map(
            () => 0.5 + (rng.uniform() - 0.5) * 0.2,
          );
          w0[3] = -0; // sign of zero must survive
          w0[5] = 2; // outside the bounds: only touched columns get clamped
          const w1 = put(kernel, where, w0);
          for (const count of [0, 1, 5, 17, 100]) {
            const active = new Int32Array(count + 3);
            for (let j = 0; j < count; j++) active[j] = rng.int(cells); // repeats allowed
            const a1 = put(kernel, where, active);
            const out0 = new Float64Array(purkinje + 2).fill(9);
            const out1 = put(kernel, where, new Float64Array(purkinje + 2).fill(9));
            ref.purkinjeSum(active, count, w0, purkinje, 0.5, out0);
            kernel.purkinjeSum(a1, count, w1, purkinje, 0.5, out1);
            expectSame(out1, out0, `purkinjeSum P=${purkinje} count=${count}`);
            const dw = new Float64Array(purkinje).map(() => (rng.uniform() - 0.5) * 0.3);
            if (purkinje > 2) dw[1] = 0; // a skipped column
            if (purkinje > 5) dw[4] = -0;
            ref.updateWeights(active, count, w0, purkinje, dw, 0, 1);
            kernel.updateWeights(a1, count, w1, purkinje, put(kernel, where, dw), 0, 1);
            expectSame(w1, w0, `updateWeights P=${purkinje} count=${count}`);
          }
          // All-nonzero increments (the reference's unrolled paths), many rows.
          const active = new Int32Array(150).map(() => rng.int(cells));
          const dw = new Float64Array(purkinje).map(() => 0.01 + rng.uniform() * 0.1);
          ref.updateWeights(active, 150, w0, purkinje, dw, 0.2, 0.8);
          kernel.updateWeights(put(kernel, where, active), 150, w1, purkinje, dw, 0.2, 0.8);
          expectSame(w1, w0, `updateWeights P=${purkinje} unrolled`);
          // Strictly increasing lists (no row twice, as the granule layer's): threads split
          // these by rows instead of columns.
          for (const count of [2, 37, 150]) {
            const rows = Int32Array.from(
              Array.from({ length: cells }, (_, i) => i)
                .filter(() => rng.uniform() < count / cells)
                .slice(0, count),
            );
            const step = new Float64Array(purkinje).map(() => (rng.uniform() - 0.5) * 0.4);
            if (purkinje > 2) step[2] = 0;
            ref.updateWeights(rows, rows.length, w0, purkinje, step, 0.3, 0.7);
            kernel.updateWeights(
              put(kernel, where, rows),
              rows.length,
              w1,
              purkinje,
              step,
              0.3,
              0.7,
            );
            expectSame(w1, w0, `updateWeights P=${purkinje} increasing rows=${rows.length}`);
          }
        }
      });
      it(`graded purkinjeSum and updateWeights (${where} arrays), P = 1, 3, 8, 37`, () => {
        const rng = new Rng(11);
        for (const purkinje of [1, 3, 8, 37]) {
          const cells = 157;
          const w0 = new Float32Array(cells * purkinje).map(() => 0.4 + rng.uniform() * 0.4);
          const w1 = put(kernel, where, w0);
          for (const count of [0, 1, 9, 60]) {
            const active = new Int32Array(count + 2);
            for (let j = 0; j < count; j++) active[j] = rng.int(cells); // repeats allowed
            const gain = new Float32Array(count + 2).map(() => rng.uniform());
            const out0 = new Float64Array(purkinje + 1).fill(9);
            const out1 = put(kernel, where, new Float64Array(purkinje + 1).fill(9));
            const a1 = put(kernel, where, active);
            const g1 = put(kernel, where, gain);
            ref.purkinjeSumGraded(active, gain, count, w0, purkinje, 0.6, out0);
            kernel.purkinjeSumGraded(a1, g1, count, w1, purkinje, 0.6, out1);
            expectSame(out1, out0, `purkinjeSumGraded P=${purkinje} count=${count}`);
            const dw = new Float64Array(purkinje).map(() => (rng.uniform() - 0.5) * 0.3);
            if (purkinje > 2) dw[1] = 0;
            ref.updateWeightsGraded(active, gain, count, w0, purkinje, dw, 0.3, 0.9);
            kernel.updateWeightsGraded(a1, g1, count, w1, purkinje, dw, 0.3, 0.9);
            expectSame(w1, w0, `updateWeightsGraded P=${purkinje} count=${count}`);
          }
        }
      });
    }

    it("falls back to the reference for lists that do not fit (indices past the matrix)", () => {
      const w0 = new Float32Array(10 * 4).fill(0.5);
      const w1 = put(kernel, "own", w0);
      const active = Int32Array.of(2, 12, -1);
      const out0 = new Float64Array(4);
      const out1 = put(kernel, "own", new Float64Array(4));
      ref.purkinjeSum(active, 3, w0, 4, 0.5, out0);
      kernel.purkinjeSum(put(kernel, "own", active), 3, w1, 4, 0.5, out1);
      expectSame(out1, out0, "out-of-range rows");
      const dw = new Float64Array(4).fill(0.1);
      ref.updateWeights(active, 3, w0, 4, dw, 0, 1);
      kernel.updateWeights(put(kernel, "own", active), 3, w1, 4, dw, 0, 1);
      expectSame(w1, w0, "out-of-range updates");
    });

    it("runs a whole Cerebellum bit-identically to the reference (same seed, same hash)", async () => {
      for (const [count, fanIn, purkinje] of [
        [3001, 4, 32],
        [1503, 5, 3],
      ]) {
        const params = cerebellumParamsSchema.parse({
          dtMs: 1,
          granule: { count, fanIn, codingLevel: 0.05, threshold: 1.2 },
          purkinje: { count: purkinje },
          mossy: { count: 64, fibresPerChannel: 8 },
        });
        const channels = ["a", "b", "c"];
        const spec = { kind: "cerebellum" as const, params, channels, seed: 3 };
        const a = new Cerebellum(spec, ref);
        const b = new Cerebellum(spec, kernel);
        const outA: number[] = [];
        const outB: number[] = [];
        const context = new Float64Array(3);
        const teacher = new Float64Array(purkinje);
        for (let t = 0; t < 700; t++) {
          for (let c = 0; c < 3; c++) context[c] = (t + 100 * c) % 300 < 120 ? 1 : 0;
          for (let q = 0; q < purkinje; q++) teacher[q] = (t + 7 * q) % 300 === 150 ? 1 : 0.1;
          outA.push(...a.step(context, teacher));
          outB.push(...b.step(context, teacher));
        }
        expect(b.granule.count).toBeGreaterThan(0);
        expectSame(outB, outA, "outputs");
        expect(hash(b.purkinje.w)).toBe(hash(a.purkinje.w));
        expect(hash(b.purkinje.w)).not.toBe(hash(new Float32Array(a.purkinje.w.length).fill(0.5)));
      }
    });
  });
}

describe("backend selection", () => {
  it("names the allowed backends when given an unknown one", () => {
    expect(() => getKernel("fortran")).toThrow(/allowed: ts, wasm/);
  });

  it("allocates the circuit's big arrays in the wasm memory", () => {
    const kernel = getKernel("wasm") as WasmKernel;
    const params = cerebellumParamsSchema.parse({ granule: { count: 2000 } });
    const brain = new Cerebellum({ kind: "cerebellum", params, channels: ["a"], seed: 1 }, kernel);
    expect(kernel.holds(brain.purkinje.w)).toBe(true);
    expect(kernel.holds(brain.granule.drive)).toBe(true);
    expect(kernel.holds(brain.granule.active)).toBe(true);
    expect(kernel.holds(brain.pfPlasticity.activity.indices)).toBe(true);
    expect(kernel.holds(new Float32Array(4))).toBe(false);
  });
});

describe("the step is sparse and allocation-free", () => {
  const params = cerebellumParamsSchema.parse({
    dtMs: 1,
    granule: { count: 4000, fanIn: 4, codingLevel: 0.05, threshold: 1.2 },
    purkinje: { count: 8 },
    mossy: { count: 64, fibresPerChannel: 8 },
  });
  const channels = ["a", "b"];
  const context = new Float64Array(2);
  const teacher = new Float64Array(8);
  const drive = (brain: Cerebellum, steps: number, seen?: Uint8Array) => {
    for (let t = 0; t < steps; t++) {
      context[0] = t % 400 < 150 ? 1 : 0;
      context[1] = (t + 200) % 400 < 150 ? 1 : 0;
      teacher.fill(t % 400 === 120 ? 1 : 0.05);
      brain.step(context, teacher);
      if (seen) for (let j = 0; j < brain.granule.count; j++) seen[brain.granule.active[j]] = 1;
    }
  };

  for (const name of ["ts", "wasm", "wasm-threads"]) {
    it(`${name}: no typed array is made during a step`, () => {
      const kernel = getKernel(name);
      made.push(kernel);
      const brain = new Cerebellum({ kind: "cerebellum", params, channels, seed: 2 }, kernel);
      drive(brain, 500);
      const made0: string[] = [];
      const saved = new Map<string, unknown>();
      const g = globalThis as unknown as Record<string, unknown>;
      for (const ctor of [
        "Float32Array",
        "Float64Array",
        "Int32Array",
        "Uint32Array",
        "Uint8Array",
      ]) {
        const Orig = g[ctor] as new (...a: unknown[]) => unknown;
        saved.set(ctor, Orig);
        g[ctor] = new Proxy(Orig, {
          construct(target, args, newTarget) {
            made0.push(ctor);
            return Reflect.construct(target, args, newTarget);
          },
        });
      }
      try {
        drive(brain, 300);
      } finally {
        for (const [ctor, Orig] of saved) g[ctor] = Orig;
      }
      expect(made0).toEqual([]);
    });
  }

  it("learning changes only the weights of cells that were active (non-zero eligibility)", () => {
    const kernel = getKernel("wasm");
    const brain = new Cerebellum({ kind: "cerebellum", params, channels, seed: 2 }, kernel);
    const seen = new Uint8Array(4000);
    drive(brain, 1500, seen);
    const w0 = params.purkinje.initialWeight;
    let changed = 0;
    for (let i = 0; i < 4000; i++) {
      const row = brain.purkinje.w.subarray(i * 8, (i + 1) * 8);
      const moved = row.some((v) => v !== Math.fround(w0));
      if (moved) changed++;
      if (!seen[i]) expect(moved, `cell ${i} never active`).toBe(false);
    }
    expect(changed).toBeGreaterThan(0);
    expect(seen.reduce((a, b) => a + b, 0)).toBeLessThan(4000);
  });
});
