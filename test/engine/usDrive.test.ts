import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { restoreCerebellum, saveCerebellum } from "../../src/brain/state.js";
import { OnsetDrive, onsetDriveArea } from "../../src/circuit/usDrive.js";
import { FrontEnd } from "../../src/gpu/frontend.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { runToneTrials } from "./toneTrials.js";

const params = (olive = {}) =>
  cerebellumParamsSchema.parse({
    dtMs: 5,
    granule: { count: 1000 },
    mossy: { count: 64 },
    purkinje: { count: 2 },
    olive,
  });

/** ∫ d dt (error·ms) of the onset drive for a US of `durationMs` at magnitude `m`, from rest. */
function onsetIntegral(durationMs: number, m = 1, olive = {}): number {
  const p = params({ usDrive: "onset", ...olive });
  const drive = new OnsetDrive(p);
  let sum = 0;
  for (let t = 0; t < 400; t++) {
    const s = t * p.dtMs < durationMs ? m : 0;
    sum += drive.step([s, 0])[0] * p.dtMs;
  }
  return sum;
}

describe("the olive's US drive (model.olive.usDrive)", () => {
  it("onset: a 50-ms and a 100-ms US teach within 10 % of each other; sustained: 2×", () => {
    const short = onsetIntegral(50);
    const long = onsetIntegral(100);
    // A₀·(1 − λ^(D/dt)) with λ = e^(−5/20): 91.8 and 99.3 (error·ms).
    expect(long / short).toBeLessThan(1.1);
    expect(long / short).toBeGreaterThan(1);
    expect(short).toBeCloseTo(onsetDriveArea(params({ usDrive: "onset" }), 50), 9);
    expect(long).toBeCloseTo(onsetDriveArea(params({ usDrive: "onset" }), 100), 9);
    // Whatever the duration beyond a few τ, one stimulus delivers A₀·m.
    expect(onsetIntegral(1000)).toBeCloseTo(100, 6);
    expect(onsetIntegral(1000, 0.5)).toBeCloseTo(50, 6);
    expect(onsetIntegral(1000, 1, { usOnsetAreaMs: 40 })).toBeCloseTo(40, 6);
    // A short US is still graded by its length: 5 ms delivers (1 − λ) of A₀.
    expect(onsetIntegral(5)).toBeCloseTo(100 * (1 - Math.exp(-5 / 20)), 9);
  });

  it("the module's climbing-fibre error: onset 50 vs 100 ms within 10 %, sustained 2×", () => {
    /** ∫ e dt over a trial with a US of `usMs` and no CS, in a module that does not learn. */
    const taught = (usDrive: string, usMs: number) => {
      const spec = {
        kind: "cerebellum" as const,
        params: params({ usDrive }),
        channels: ["tone"],
        seed: 2,
      };
      const brain = new Cerebellum(spec);
      brain.learning = false;
      let sum = 0;
      for (let t = 0; t < 200; t++) {
        brain.step([0], [t >= 20 && t * 5 < 100 + usMs ? 1 : 0, 0]);
        sum += brain.error[0] * 5;
      }
      return sum;
    };
    const sustained = taught("sustained", 100) / taught("sustained", 50);
    const onset = taught("onset", 100) / taught("onset", 50);
    expect(sustained).toBeCloseTo(2, 6);
    expect(onset).toBeGreaterThan(1);
    expect(onset).toBeLessThan(1.1);
  });

  it("onset: the drive peaks at the US onset, decays with τ_o and is never negative", () => {
    const p = params({ usDrive: "onset", usOnsetTauMs: 10 });
    const drive = new OnsetDrive(p);
    const trace: number[] = [];
    for (let t = 0; t < 60; t++) trace.push(drive.step([t >= 10 && t < 40 ? 1 : 0, 0])[0]);
    expect(Math.max(...trace)).toBe(trace[10]);
    expect(trace[11] / trace[10]).toBeCloseTo(Math.exp(-5 / 10), 12);
    expect(trace.slice(0, 10).every((d) => d === 0)).toBe(true);
    // The US's offset is not an error: d stays ≥ 0 (no negative offset transient).
    expect(trace.every((d) => d >= 0)).toBe(true);
    expect(trace.slice(40).every((d) => d === 0)).toBe(true);
  });

  it("sustained (the default) is the old olive bit for bit; onset changes the error", () => {
    const run = (olive: Record<string, unknown>) => {
      const spec = {
        kind: "cerebellum" as const,
        params: params(olive),
        channels: ["tone"],
        seed: 3,
      };
      const brain = new Cerebellum(spec);
      const errors: number[] = [];
      for (let t = 0; t < 2000; t++) {
        const phase = t % 200;
        brain.step([phase < 120 ? 1 : 0], [phase >= 100 && phase < 120 ? 1 : 0, 0]);
        errors.push(brain.error[0]);
      }
      return { errors, w: Array.from(brain.purkinje.w) };
    };
    const old = run({});
    expect(run({ usDrive: "sustained" })).toEqual(old);
    expect(params({}).olive.usDrive).toBe("sustained");
    const onset = run({ usDrive: "onset" });
    expect(onset.errors).not.toEqual(old.errors);
  });

  it("onset: a module continues bit-identically after save and restore", () => {
    const spec = {
      kind: "cerebellum" as const,
      params: params({ usDrive: "onset" }),
      channels: ["tone"],
      seed: 4,
    };
    const run = runToneTrials;
    const a = new Cerebellum(spec);
    // Stop inside a US, so the adaptation is not at rest when saved.
    run(a, 0, 3105);
    const saved = JSON.parse(JSON.stringify(saveCerebellum(a)));
    expect(saved.arrays.oliveAdaptation).toBeDefined();
    const restored = restoreCerebellum(saved);
    expect(run(restored, 3105, 2000)).toEqual(run(a, 3105, 2000));
    delete saved.arrays.oliveAdaptation;
    expect(() => restoreCerebellum(saved)).toThrow(/oliveAdaptation/);
  });

  it("bad values are refused naming the field", () => {
    expect(() => params({ usDrive: "offset" })).toThrow(/usDrive/);
    expect(() => params({ usOnsetTauMs: 0 })).toThrow(/usOnsetTauMs/);
    expect(() => params({ usOnsetAreaMs: -1 })).toThrow(/usOnsetAreaMs/);
  });

  it.each(["onset", "sustained"])(
    "%s: the GPU engine's host side uploads the drive the CPU olive compares (float32)",
    (usDrive) => {
      const spec = {
        kind: "cerebellum" as const,
        params: params({ usDrive }),
        channels: ["tone"],
        seed: 1,
      };
      const front = new FrontEnd(spec);
      const brain = new Cerebellum(spec);
      brain.learning = false;
      const upload = new Float32Array(2);
      let driven = 0;
      for (let t = 0; t < 1000; t++) {
        const phase = t % 200;
        const teacher = [
          phase >= 100 && phase < 120 ? 1 : 0,
          phase >= 100 && phase < 110 ? 0.5 : 0,
        ];
        brain.step([phase < 120 ? 1 : 0], teacher);
        front.drive(teacher, upload);
        // What the CPU olive compares with z(t − Δ) this step.
        const cpu = brain.usDrive ? brain.usDrive.drive : teacher;
        for (let q = 0; q < 2; q++) {
          expect(upload[q]).toBe(Math.fround(cpu[q]));
          if (upload[q] !== teacher[q]) driven++;
        }
      }
      // Onset: the upload is the transient, not s; sustained: s itself.
      if (usDrive === "onset") expect(driven).toBeGreaterThan(0);
      else expect(driven).toBe(0);
    },
  );
});
