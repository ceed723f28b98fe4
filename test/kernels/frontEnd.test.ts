/**
 * The front end (mossy layer with OU noise, temporal basis: kernels/frontEnd.ts) on every
 * backend against the TypeScript loops: step by step the same rates, onsets, noise, units,
 * cascade stages and adaptation, bit for bit, and the noise generator left in the same state
 * (so a checkpoint saved after a wasm step resumes the same). The wasm plans are checked to run
 * in wasm (not the reference fallback) where the arrays lie in its memory.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { shapeBasis, TemporalBasis } from "../../src/circuit/basis.js";
import { MossyLayer, wireMossy } from "../../src/circuit/mossy.js";
import { NucleusMossy } from "../../src/circuit/nucleus.js";
import { type Kernel, kernelArrays, plainArrays } from "../../src/kernels/index.js";
import { referenceKernel as ref } from "../../src/kernels/reference.js";
import type { FrontEndBlock } from "../../src/kernels/wasm/frontEndBlock.js";
import { ThreadedWasmKernel } from "../../src/kernels/wasm/threads.js";
import { WasmKernel } from "../../src/kernels/wasm/wasmKernel.js";
import { type CerebellumParams, cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { Rng } from "../../src/model/rng.js";

const backends: { name: string; make: () => Kernel }[] = [
  { name: "wasm", make: () => new WasmKernel() },
  {
    name: "wasm (plain memory)",
    make: () => new WasmKernel({ shared: false, reserveBytes: 2 ** 24 }),
  },
  { name: "wasm-threads", make: () => new ThreadedWasmKernel({ threads: 2, spin: 100 }) },
];
const made: Kernel[] = [];
afterAll(() => {
  for (const k of made) k.dispose?.();
});

/** Mossy and basis settings over a small layer (48 fibres, 7 per channel, OU noise SD 0.15). */
const configs: { name: string; mossy?: object; basis?: object }[] = [
  { name: "linear, OU noise" },
  { name: "no noise", mossy: { noiseSd: 0 } },
  { name: "threshold encoding", mossy: { encoding: "threshold", thresholdMax: 1.5 } },
  { name: "tonic adaptation", basis: { tonicAdaptation: 0.6, tonicAdaptationTauMs: 40 } },
  { name: "odd sizes", mossy: { noiseSd: 0.3 }, basis: { bumps: 5, order: 3 } },
];

const CHANNELS = 3;

/** Channel values: a step, a one-step pulse and a graded wave (for threshold recruitment). */
function context(t: number, out: Float64Array): Float64Array {
  out[0] = t % 400 < 150 ? 1 : 0;
  out[1] = t % 250 === 20 ? 2 : 0;
  out[2] = 1 + Math.sin(t / 37);
  return out;
}

/** A mossy layer and basis with the wiring of `seed`, their arrays from `arrays`. */
function build(p: CerebellumParams, arrays = plainArrays) {
  const rng = new Rng(11);
  const wiring = wireMossy(p, CHANNELS, rng);
  const shape = shapeBasis(p, rng);
  const mossy = new MossyLayer(p, wiring, CHANNELS, arrays);
  const driven = Int32Array.from(
    Array.from(wiring.source).flatMap((source, m) => (source >= 0 ? [m] : [])),
  );
  const basis = new TemporalBasis(p, shape, driven, arrays);
  const nucleus = new NucleusMossy(p, arrays);
  // Weights as learning leaves them: spread over [0, 2).
  for (let i = 0; i < nucleus.v.length; i++) nucleus.v[i] = rng.uniform() * 2;
  const output = arrays.float64(p.purkinje.count);
  const front = { mossy: mossy.arrays, basis: basis.arrays, nucleus: nucleus.arrays };
  return { mossy, basis, nucleus, output, front };
}

function expectSame(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      expect.fail(`${what} index ${i}: got ${actual[i]}, expected ${expected[i]}`);
  }
}

for (const backend of backends) {
  describe(`front end on ${backend.name}`, () => {
    const kernel = backend.make();
    made.push(kernel);

    for (const config of configs) {
      for (const where of ["own", "foreign"] as const) {
        it(`${config.name}, arrays ${where === "own" ? "in its memory" : "from outside"}: the reference's bits`, () => {
          const p = cerebellumParamsSchema.parse({
            mossy: { count: 48, fibresPerChannel: 7, noiseSd: 0.15, ...config.mossy },
            purkinje: { count: 3 },
            basis: { ...config.basis },
          });
          const a = build(p);
          const b = build(p, where === "own" ? kernelArrays(kernel) : plainArrays);
          const planA = ref.prepareFrontEnd(a.front);
          const planB = kernel.prepareFrontEnd(b.front);
          // In its memory the step runs in wasm; from outside, the reference on the same arrays.
          expect((planB as FrontEndBlock).block !== undefined).toBe(where === "own");
          if (where === "own") expect((kernel as WasmKernel).holds(b.output)).toBe(true);
          const rngA = new Rng(5);
          const rngB = new Rng(5);
          const values = new Float64Array(CHANNELS);
          let driven = 0;
          for (let t = 0; t < 900; t++) {
            context(t, values);
            // Silencing mid-run (as the ELL's late-bump test does) is read in place.
            if (t === 300) a.basis.silenced[7] = b.basis.silenced[7] = 1;
            ref.frontEndStep(planA, values, rngA);
            kernel.frontEndStep(planB, values, rngB);
            // The nuclei add their mossy drive to z (here a z left from the step before).
            ref.nucleusStep(planA, a.output);
            kernel.nucleusStep(planB, b.output);
            const at = `t=${t}`;
            expectSame(b.mossy.rate, a.mossy.rate, `${at} rate`);
            expectSame(b.mossy.onset, a.mossy.onset, `${at} onset`);
            expectSame(b.mossy.noise, a.mossy.noise, `${at} noise`);
            expectSame(b.mossy.previous, a.mossy.previous, `${at} previous`);
            expectSame(b.basis.units, a.basis.units, `${at} units`);
            expectSame(b.basis.stages, a.basis.stages, `${at} stages`);
            expectSame(b.basis.adaptation, a.basis.adaptation, `${at} adaptation`);
            expectSame(b.nucleus.input, a.nucleus.input, `${at} nucleus input`);
            expectSame(b.output, a.output, `${at} nucleus output`);
            expect(rngB.getState(), `${at} generator`).toEqual(rngA.getState());
            if (a.basis.units.some((u, i) => i % (1 + p.basis.bumps) !== 0 && u > 0)) driven++;
          }
          // The comparison saw bumps, noise where it is on, and adaptation where it is on.
          expect(driven).toBeGreaterThan(100);
          if (p.mossy.noiseSd > 0) expect(a.mossy.noise.some((n) => n !== 0)).toBe(true);
          else expect(rngA.getState()).toEqual(new Rng(5).getState());
          if (p.basis.tonicAdaptation > 0)
            expect(a.basis.adaptation.some((x) => x !== 0)).toBe(true);
        });
      }
    }

    it("a whole Cerebellum (threshold encoding, adaptation, graded recurrent granule layer) gives the reference's outputs", () => {
      const params = cerebellumParamsSchema.parse({
        granule: { count: 1500, output: "graded", golgi: "recurrent" },
        mossy: { count: 40, fibresPerChannel: 10, encoding: "threshold" },
        basis: { tonicAdaptation: 0.5 },
        purkinje: { count: 3 },
      });
      const spec = { kind: "cerebellum" as const, params, channels: ["a", "b", "c"], seed: 9 };
      const a = new Cerebellum(spec, ref);
      const b = new Cerebellum(spec, kernel);
      const values = new Float64Array(CHANNELS);
      const teacher = Float64Array.of(0.2, 1, 0);
      for (let t = 0; t < 600; t++) {
        context(t, values);
        expectSame(b.step(values, teacher), a.step(values, teacher), `t=${t} z`);
      }
      expectSame(b.basis.units, a.basis.units, "units");
      expect(b.noiseRng.getState()).toEqual(a.noiseRng.getState());
    });
  });
}

describe("Rng.writeTo / readFrom", () => {
  it("carries the state, the spare included, to a generator that goes on the same", () => {
    const a = new Rng(3);
    a.normal(); // leaves a spare
    const words = new Int32Array(5);
    const spare = new Float64Array(1);
    a.writeTo(words, spare);
    expect(words[4]).toBe(1);
    const b = new Rng(0);
    b.readFrom(words, spare);
    expect(b.getState()).toEqual(a.getState());
    for (let i = 0; i < 5; i++) expect(b.normal()).toBe(a.normal());
  });
});
