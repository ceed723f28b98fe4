/**
 * Conformance of the reference kernels (src/kernels/reference.ts) with naive, obviously-correct
 * loops written here from the contract in src/kernels/kernel.ts. Results must agree bit for
 * bit: the engine's runs are reproducible from a seed, whatever the backend.
 */
import { describe, expect, it } from "vitest";
import { PfPurkinjePlasticity } from "../../src/circuit/plasticity.js";
import { referenceKernel as kernel } from "../../src/kernels/reference.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { Rng } from "../../src/model/rng.js";

/** Element-wise Object.is (so 0 ≠ −0, NaN = NaN), with the first difference in the message. */
function expectSame(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      expect.fail(`index ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

// ---------------------------------------------------------------- naive definitions

function naiveDrive(
  units: Float32Array,
  inputs: Int32Array,
  fanIn: number,
  n: number,
): Float32Array {
  const drive = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let h: number;
    if (fanIn === 4) {
      h =
        units[inputs[4 * i]] +
        units[inputs[4 * i + 1]] +
        units[inputs[4 * i + 2]] +
        units[inputs[4 * i + 3]];
    } else {
      h = 0;
      for (let k = 0; k < fanIn; k++) h += units[inputs[i * fanIn + k]];
    }
    drive[i] = h;
  }
  return drive;
}

/** The selection rule of kernel.ts, step by step. */
function naiveSelect(drive: Float32Array, target: number, floor: number, bins: number): number[] {
  const aboveFloor: number[] = [];
  for (let i = 0; i < drive.length; i++) if (drive[i] > floor) aboveFloor.push(i);
  if (aboveFloor.length <= target) return aboveFloor;
  const max = Math.max(...aboveFloor.map((i) => drive[i]));
  const scale = (bins - 1e-3) / (max - floor);
  const bin = (i: number) => Math.floor((drive[i] - floor) * scale);
  const perBin = new Array<number>(bins).fill(0);
  for (const i of aboveFloor) if (bin(i) >= 0 && bin(i) < bins) perBin[bin(i)]++;
  // The cut: the highest bin at which the count from the top reaches the target (or bin 0).
  let cut = bins - 1;
  let fromTop = perBin[cut];
  while (fromTop < target && cut > 0) fromTop += perBin[--cut];
  const aboveCut = aboveFloor.filter((i) => bin(i) > cut);
  const inCut = aboveFloor.filter((i) => bin(i) === cut).slice(0, target - aboveCut.length);
  return aboveFloor.filter((i) => aboveCut.includes(i) || inCut.includes(i));
}

/** The contract's plain loops; `gain`: a graded layer's rates (null: binary, every rate 1). */
function naivePurkinjeSum(
  active: Int32Array,
  count: number,
  w: Float32Array,
  P: number,
  w0: number,
  gain: Float32Array | null = null,
): number[] {
  let total = 0;
  for (let j = 0; j < count; j++) total += gain ? gain[j] : 1;
  const out: number[] = [];
  for (let p = 0; p < P; p++) {
    let s = 0;
    for (let j = 0; j < count; j++) s += (gain ? gain[j] : 1) * w[active[j] * P + p];
    out.push(s - total * w0);
  }
  return out;
}

function naiveUpdate(
  active: Int32Array,
  count: number,
  w: Float32Array,
  P: number,
  dw: Float64Array,
  lo: number,
  hi: number,
  gain: Float32Array | null = null,
): void {
  for (let j = 0; j < count; j++) {
    for (let p = 0; p < P; p++) {
      if (dw[p] === 0) continue;
      let v = w[active[j] * P + p] + (gain ? gain[j] : 1) * dw[p];
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[active[j] * P + p] = v;
    }
  }
}

// ---------------------------------------------------------------- helpers

/** Runs the engine's two-step selection (granuleDriveAbove + selectAbove) on given drives. */
function selectViaAbove(
  drive: Float32Array,
  target: number,
  floor: number,
  bins: number,
): number[] {
  // Units = the drives themselves, wiring = each cell reads its own unit 4 times scaled by 1/4
  // would change the sums, so use K = 1: h_i = units[i] exactly.
  const n = drive.length;
  const plan = kernel.prepareGranule(
    Int32Array.from({ length: n }, (_, i) => i),
    1,
  );
  const out = new Float32Array(n);
  const above = new Int32Array(n);
  const aboveDrive = new Float32Array(n);
  const count = kernel.granuleDriveAbove(drive, plan, out, floor, above, aboveDrive);
  expectSame(out, drive);
  const active = new Int32Array(Math.max(target, 1));
  const selected = kernel.selectAbove(
    above,
    aboveDrive,
    count,
    target,
    floor,
    active,
    new Uint32Array(bins),
  );
  return Array.from(active.subarray(0, selected));
}

function selectDirect(drive: Float32Array, target: number, floor: number, bins: number): number[] {
  const active = new Int32Array(Math.max(target, drive.length));
  const count = kernel.selectActive(drive, target, floor, active, new Uint32Array(bins));
  return Array.from(active.subarray(0, count));
}

function randomDrive(rng: Rng, n: number, levels: number): Float32Array {
  // Few distinct levels make ties (and crowded cut bins) common.
  return Float32Array.from({ length: n }, () => Math.floor(rng.uniform() * levels) / (levels / 4));
}

// ---------------------------------------------------------------- tests

describe("granuleDrive / granuleDriveAbove", () => {
  const rng = new Rng(7);
  const unitCount = 50;
  const units = Float32Array.from({ length: unitCount }, () =>
    rng.uniform() < 0.4 ? 0 : rng.uniform() * 1.3,
  );

  for (const fanIn of [4, 3]) {
    it(`sums the K = ${fanIn} inputs of every cell in order`, () => {
      const n = 37; // not a multiple of 8: exercises the unrolled loop's tail
      const inputs = Int32Array.from({ length: n * fanIn }, () => rng.int(unitCount));
      const expected = naiveDrive(units, inputs, fanIn, n);
      const drive = new Float32Array(n);
      kernel.granuleDrive(units, inputs, fanIn, drive);
      expectSame(drive, expected);

      const plan = kernel.prepareGranule(inputs, fanIn);
      const drive2 = new Float32Array(n);
      const above = new Int32Array(n);
      const aboveDrive = new Float32Array(n);
      const floor = 1.5;
      const count = kernel.granuleDriveAbove(units, plan, drive2, floor, above, aboveDrive);
      expectSame(drive2, expected);
      const listed = Array.from(expected.keys()).filter((i) => expected[i] > floor);
      expect(listed.length).toBeGreaterThan(0);
      expect(Array.from(above.subarray(0, count))).toEqual(listed);
      expectSame(
        aboveDrive.subarray(0, count),
        listed.map((i) => expected[i]),
      );
    });
  }

  it("gives the same drives when the wiring cannot be packed (index ≥ 2¹⁶)", () => {
    const bigUnits = new Float32Array(70_000);
    bigUnits[0] = 0.5;
    bigUnits[69_999] = 1.75;
    bigUnits[3] = 0.25;
    const inputs = Int32Array.of(0, 3, 69_999, 0, 3, 3, 3, 0, 69_999, 69_999, 0, 3);
    const plan = kernel.prepareGranule(inputs, 4);
    const drive = new Float32Array(3);
    const above = new Int32Array(3);
    // Drives 3, 1.25 and 4.25.
    const count = kernel.granuleDriveAbove(bigUnits, plan, drive, 1.5, above, new Float32Array(3));
    expectSame(drive, naiveDrive(bigUnits, inputs, 4, 3));
    expect(Array.from(above.subarray(0, count))).toEqual([0, 2]);
  });

  it("matches the plain loop when `units` is longer or shorter than the wiring needs", () => {
    const inputs = Int32Array.of(0, 1, 2, 3, 3, 4, 5, 1);
    const plan = kernel.prepareGranule(inputs, 4);
    for (const length of [9, 6, 5]) {
      // length 5: unit 5 does not exist, so cell 1's drive is NaN, as in the plain loop.
      const u = Float32Array.from({ length }, (_, k) => 0.25 * (k + 1));
      const drive = new Float32Array(2);
      const above = new Int32Array(2);
      const count = kernel.granuleDriveAbove(u, plan, drive, 1, above, new Float32Array(2));
      const expected = naiveDrive(u, inputs, 4, 2);
      expectSame(drive, expected);
      expect(Array.from(above.subarray(0, count))).toEqual([0, 1].filter((i) => expected[i] > 1));
    }
  });

  it("lists only drives strictly above the floor, at every position of the unrolled loop", () => {
    const u = Float32Array.of(0.5, 0.25, 0, 1);
    const n = 27;
    // Cells 0, 3, 6, …: 0.5 + 0.5 + 0.25 + 0.25 = 1.5 (= floor); the others 0.5 + 0.5 + 1 + 0 = 2.
    const inputs = Int32Array.from({ length: 4 * n }, (_, q) =>
      Math.floor(q / 4) % 3 === 0 ? [0, 0, 1, 1][q % 4] : [0, 0, 3, 2][q % 4],
    );
    for (const floor of [1.5, 1.25]) {
      const plan = kernel.prepareGranule(inputs, 4);
      const above = new Int32Array(n);
      const count = kernel.granuleDriveAbove(
        u,
        plan,
        new Float32Array(n),
        floor,
        above,
        new Float32Array(n),
      );
      const expected = Array.from({ length: n }, (_, i) => i).filter(
        (i) => i % 3 !== 0 || floor < 1.5,
      );
      expect(Array.from(above.subarray(0, count))).toEqual(expected);
    }
  });

  it("rounds each sum to float32 once, after summing in float64", () => {
    // 1 + 2⁻²⁴ + 2⁻²⁴ + 0: float64 keeps 1 + 2⁻²³, a float32 running sum would drop both halves.
    const u = Float32Array.of(1, 2 ** -24, 0);
    const inputs = Int32Array.of(0, 1, 1, 2);
    const plan = kernel.prepareGranule(inputs, 4);
    const drive = new Float32Array(1);
    kernel.granuleDriveAbove(u, plan, drive, 0, new Int32Array(1), new Float32Array(1));
    expect(drive[0]).toBe(1 + 2 ** -23);
  });
});

describe("selectActive / selectAbove", () => {
  it("selects exactly `target` cells when more are above the floor, by drive", () => {
    const drive = Float32Array.of(0.5, 3, 1.2, 9, 0.1, 4, 2.5, 8, 7, 0.9);
    const bins = 16;
    // Above 1: 3, 1.2, 9, 4, 2.5, 8, 7 (cells 1, 2, 3, 5, 6, 7, 8); the 4 largest: 9, 8, 7, 4.
    for (const pick of [selectDirect, selectViaAbove]) {
      expect(pick(drive, 4, 1, bins)).toEqual([3, 5, 7, 8]);
      expect(pick(drive, 4, 1, bins)).toEqual(naiveSelect(drive, 4, 1, bins));
    }
  });

  it("includes every cell above the cut bin, and fills the cut bin in index order", () => {
    // Two bins over (0, 10]: drives ≤ ~5 fall in bin 0, larger ones in bin 1.
    const drive = Float32Array.of(9, 1, 2, 3, 9.5, 4, 10, 1.5, 2.5);
    const bins = 2;
    // Bin 1 holds cells 0, 4, 6 (3 cells); target 5 → all 3, then the first 2 of bin 0 by index.
    for (const pick of [selectDirect, selectViaAbove]) {
      expect(pick(drive, 5, 0, bins)).toEqual([0, 1, 2, 4, 6]);
      expect(pick(drive, 5, 0, bins)).toEqual(naiveSelect(drive, 5, 0, bins));
    }
  });

  it("breaks ties in the cut bin by index, not by drive", () => {
    const drive = Float32Array.of(2, 5, 2, 5, 5, 2, 5);
    for (const pick of [selectDirect, selectViaAbove]) {
      // One bin: everything above the floor is in the cut bin.
      expect(pick(drive, 3, 1, 1)).toEqual([0, 1, 2]);
      // Many bins: the four 5s share the top bin; the first three by index fire.
      expect(pick(drive, 3, 1, 64)).toEqual([1, 3, 4]);
    }
  });

  it("returns every cell above the floor when there are at most `target`", () => {
    const drive = Float32Array.of(0, 3, 0.5, 2, 1, 7);
    for (const pick of [selectDirect, selectViaAbove]) {
      expect(pick(drive, 10, 1, 8)).toEqual([1, 3, 5]);
      expect(pick(drive, 3, 1, 8)).toEqual([1, 3, 5]);
      expect(pick(drive, 2, 10, 8)).toEqual([]);
    }
  });

  it("matches the naive rule on random drives with many ties", () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rng.int(300);
      const drive = randomDrive(rng, n, 2 + rng.int(40));
      const target = 1 + rng.int(n);
      const floor = rng.uniform() * 2;
      const bins = [1, 2, 7, 64, 1024][rng.int(5)];
      const expected = naiveSelect(drive, target, floor, bins);
      expect(selectDirect(drive, target, floor, bins)).toEqual(expected);
      expect(selectViaAbove(drive, target, floor, bins)).toEqual(expected);
    }
  });

  it("agrees with the plain definition when a drive is infinite (⌊⌋ binning, not | 0)", () => {
    const drive = Float32Array.of(3, Number.POSITIVE_INFINITY, 2, 5, 4);
    expect(selectViaAbove(drive, 2, 1, 8)).toEqual(selectDirect(drive, 2, 1, 8));
    const negativeInfinity = Float32Array.of(3, 1, 2, 5, 4);
    expect(selectViaAbove(negativeInfinity, 2, Number.NEGATIVE_INFINITY, 8)).toEqual(
      selectDirect(negativeInfinity, 2, Number.NEGATIVE_INFINITY, 8),
    );
  });

  it("can select in place when the candidate list is also the output", () => {
    const drive = Float32Array.of(4, 0, 6, 3);
    const above = new Int32Array(4);
    const aboveDrive = new Float32Array(4);
    const plan = kernel.prepareGranule(Int32Array.of(0, 1, 2, 3), 1);
    const count = kernel.granuleDriveAbove(drive, plan, new Float32Array(4), 1, above, aboveDrive);
    const n = kernel.selectAbove(above, aboveDrive, count, 4, 1, above, new Uint32Array(4));
    expect(Array.from(above.subarray(0, n))).toEqual([0, 2, 3]);
    // More listed than the target: the output overtakes nothing it still has to read.
    const rng = new Rng(2);
    for (let trial = 0; trial < 50; trial++) {
      const many = randomDrive(rng, 200, 30);
      const target = 1 + rng.int(60);
      const list = new Int32Array(200);
      const listDrive = new Float32Array(200);
      const plan200 = kernel.prepareGranule(
        Int32Array.from({ length: 200 }, (_, i) => i),
        1,
      );
      const c = kernel.granuleDriveAbove(
        many,
        plan200,
        new Float32Array(200),
        0.5,
        list,
        listDrive,
      );
      const m = kernel.selectAbove(list, listDrive, c, target, 0.5, list, new Uint32Array(32));
      expect(Array.from(list.subarray(0, m))).toEqual(naiveSelect(many, target, 0.5, 32));
    }
  });
});

describe("purkinjeSum", () => {
  const rng = new Rng(3);
  for (const P of [1, 3, 8, 12, 32, 33]) {
    it(`sums the active rows in list order for P = ${P}`, () => {
      const cells = 200;
      const w = Float32Array.from({ length: cells * P }, () => rng.uniform() * 2);
      for (const count of [0, 1, 5, 40, 150]) {
        const active = Int32Array.from({ length: count }, () => rng.int(cells));
        const out = new Float64Array(P + 2).fill(Number.NaN);
        kernel.purkinjeSum(active, count, w, P, 1, out);
        expectSame(out.subarray(0, P), naivePurkinjeSum(active, count, w, P, 1));
        expectSame(out.subarray(P), [0, 0]);
      }
    });
  }
});

describe("graded kernels", () => {
  const rng = new Rng(9);
  for (const P of [1, 8, 32, 33]) {
    it(`with every gain 1 equal the binary kernels bit for bit, P = ${P}`, () => {
      const cells = 200;
      for (const count of [0, 7, 120]) {
        const w = Float32Array.from({ length: cells * P }, () => rng.uniform() * 2);
        const active = Int32Array.from({ length: count }, () => rng.int(cells));
        const ones = new Float32Array(count).fill(1);
        const binary = new Float64Array(P);
        const graded = new Float64Array(P);
        kernel.purkinjeSum(active, count, w, P, 1, binary);
        kernel.purkinjeSumGraded(active, ones, count, w, P, 1, graded);
        expectSame(graded, binary);
        const dw = Float64Array.from({ length: P }, () => (rng.uniform() - 0.5) * 0.3);
        const w2 = w.slice();
        kernel.updateWeights(active, count, w, P, dw, 0, 2);
        kernel.updateWeightsGraded(active, ones, count, w2, P, dw, 0, 2);
        expectSame(w2, w);
      }
    });
  }

  for (const P of [1, 2, 5]) {
    it(`equal the contract's plain loops bit for bit, P = ${P} (rates, repeated rows, clamps)`, () => {
      const cells = 50;
      for (const count of [0, 1, 3, 8, 61]) {
        const w = Float32Array.from({ length: cells * P }, () => rng.uniform() * 2);
        const active = Int32Array.from({ length: count + 2 }, () => rng.int(cells));
        const gain = Float32Array.from({ length: count + 2 }, () => 1 - rng.uniform());
        const out = new Float64Array(P + 1).fill(9);
        kernel.purkinjeSumGraded(active, gain, count, w, P, 0.7, out);
        expectSame(out.subarray(0, P), naivePurkinjeSum(active, count, w, P, 0.7, gain));
        expect(out[P]).toBe(0);
        // Steps large enough to clamp at both bounds; a zero (and −0) step leaves a column alone.
        for (const d of [0.9, -0.9, 0, -0, 0.01]) {
          const dw = Float64Array.from({ length: P }, (_, p) => (p === 1 ? 0 : d));
          const w1 = w.slice();
          kernel.updateWeightsGraded(active, gain, count, w, P, dw, 0.2, 1.8);
          naiveUpdate(active, count, w1, P, dw, 0.2, 1.8, gain);
          expectSame(w, w1);
        }
      }
    });
  }

  it("weight each row's sum and step by its cell's rate", () => {
    const P = 3;
    const w = Float32Array.from({ length: 4 * P }, (_, i) => 0.25 * (i + 1));
    const active = Int32Array.of(1, 3);
    const gain = Float32Array.of(0.5, 0.25);
    const out = new Float64Array(P);
    kernel.purkinjeSumGraded(active, gain, 2, w, P, 1, out);
    for (let p = 0; p < P; p++) {
      expect(out[p]).toBe(0.5 * w[P + p] + 0.25 * w[3 * P + p] - 0.75);
    }
    const dw = Float64Array.of(0.5, 0, -1);
    const before = w.slice();
    kernel.updateWeightsGraded(active, gain, 2, w, P, dw, 0, 10);
    expect(w[P]).toBe(Math.fround(before[P] + 0.25));
    expect(w[P + 1]).toBe(before[P + 1]);
    expect(w[3 * P + 2]).toBe(Math.fround(before[3 * P + 2] - 0.25));
    expect(w[0]).toBe(before[0]);
  });
});

describe("updateWeights", () => {
  const rng = new Rng(5);
  for (const P of [1, 5, 8, 16, 32]) {
    it(`adds dw to every active row and clamps, for P = ${P}`, () => {
      const cells = 300;
      for (const count of [3, 40, 200]) {
        const w = Float32Array.from({ length: cells * P }, () => rng.uniform() * 2.4 - 0.2);
        const active = Int32Array.from({ length: count }, () => rng.int(cells)); // with repeats
        const dw = Float64Array.from({ length: P }, () => (rng.uniform() - 0.5) * 0.3);
        const expected = w.slice();
        naiveUpdate(active, count, expected, P, dw, 0, 2);
        kernel.updateWeights(active, count, w, P, dw, 0, 2);
        expectSame(w, expected);
      }
    });
  }

  it("clamps at both bounds", () => {
    const w = Float32Array.of(0.05, 1.95, 1, 1);
    kernel.updateWeights(Int32Array.of(0, 1), 2, w, 2, Float64Array.of(-0.1, 0.1), 0, 2);
    // Cell 0: 0.05 − 0.1 → 0 (lo); 1.95 + 0.1 → 2 (hi). Cell 1: 1 − 0.1, 1 + 0.1.
    expectSame(w, [0, 2, Math.fround(1 - 0.1), Math.fround(1 + 0.1)]);
    const w2 = Float32Array.of(1, 1, 0.05, 1.95);
    kernel.updateWeights(Int32Array.of(1), 1, w2, 2, Float64Array.of(-0.1, 0.1), 0, 2);
    expectSame(w2, [1, 1, 0, 2]);
  });

  it("leaves the columns with dw = 0 alone, even outside the bounds", () => {
    const P = 32;
    const count = 40;
    const w = new Float32Array(count * P).fill(3); // above hi = 2
    const dw = new Float64Array(P).fill(-0.5);
    dw[7] = 0;
    const active = Int32Array.from({ length: count }, (_, j) => j);
    kernel.updateWeights(active, count, w, P, dw, 0, 2);
    for (let j = 0; j < count; j++) {
      for (let p = 0; p < P; p++) expect(w[j * P + p]).toBe(p === 7 ? 3 : 2);
    }
  });
});

describe("PF→PC plasticity", () => {
  const params = (ltd: number, ltp: number, dtMs = 1, purkinje = 1) =>
    cerebellumParamsSchema.parse({
      dtMs,
      granule: { count: 100 },
      purkinje: { count: purkinje },
      plasticity: { pfPurkinje: { ltd, ltp } },
    });

  it("one cell, one error pulse Δt steps later: Δw = −η_LTD·κ(Δt)·e·dt (LTD), −η_LTP·κ(Δt)·e·dt (LTP)", () => {
    const kappa = Float64Array.of(0, 0.1, 0.4, 0.3, 0.2); // L = 4
    const L = kappa.length - 1;
    for (const [e, dt, lag] of [
      [0.8, 1, 2],
      [-0.6, 1, 3],
      [1.5, 0.5, 1],
    ]) {
      const p = params(0.01, 0.03, dt);
      const rule = new PfPurkinjePlasticity(p, kernel, kappa, 2);
      const w = Float32Array.of(1, 1, 1, 1);
      const error = new Float64Array(1);
      for (let t = 0; t <= L; t++) {
        // Cell 2 fires at t = 0 only; the error pulse arrives at t = lag.
        error[0] = t === lag ? e : 0;
        rule.step(Int32Array.of(2), t === 0 ? 1 : 0, error, w, true);
        if (t < L) expectSame(w, [1, 1, 1, 1]);
      }
      const eta = e > 0 ? 0.01 : 0.03;
      expect(w[2]).toBe(Math.fround(1 + -eta * (kappa[lag] * e) * dt));
      expect(w[2]).toBeCloseTo(1 - eta * kappa[lag] * e * dt, 6);
      expectSame([w[0], w[1], w[3]], [1, 1, 1]);
    }
  });

  it("credits past activity like the plain Σ_τ κ(τ)·e(t − L + τ) loop, for any P", () => {
    for (const P of [1, 8, 11, 32]) {
      const rng = new Rng(P);
      const L = 9;
      const kappa = Float64Array.from({ length: L + 1 }, (_, tau) =>
        tau === 0 ? 0 : rng.uniform(),
      );
      const p = params(0.02, 0.01, 1, P);
      const cells = 60;
      const rule = new PfPurkinjePlasticity(p, kernel, kappa, 30);
      const w = Float32Array.from({ length: cells * P }, () => 0.5 + rng.uniform());
      const expected = w.slice();
      const pastActive: Int32Array[] = [];
      const pastError: Float64Array[] = [];
      for (let t = 0; t < 40; t++) {
        const count = rng.int(31);
        const active = Int32Array.from({ length: count }, () => rng.int(cells)).sort();
        const error = Float64Array.from({ length: P }, () =>
          rng.uniform() < 0.2 ? 0 : rng.uniform() - 0.4,
        );
        rule.step(active, count, error, w, true);
        // The plain rule, from the stored past.
        pastActive.push(active);
        pastError.push(error);
        if (t >= L) {
          const dw = new Float64Array(P);
          for (let q = 0; q < P; q++) {
            let credit = 0;
            for (let tau = 0; tau <= L; tau++) {
              if (kappa[tau] !== 0) credit += kappa[tau] * pastError[t - L + tau][q];
            }
            dw[q] = (credit > 0 ? -0.02 * credit : -0.01 * credit) * 1;
          }
          const past = pastActive[t - L];
          naiveUpdate(past, past.length, expected, P, dw, 0, 2);
        }
        expectSame(w, expected);
      }
    }
  });
});
