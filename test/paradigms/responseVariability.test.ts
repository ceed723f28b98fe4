import { afterEach, describe, expect, it } from "vitest";
import { simulateEyeblink } from "../../src/paradigms/eyeblink/experiments.js";
import { eyeblink, overrideEyeblink } from "../../src/paradigms/eyeblink/index.js";
import { responseGain } from "../../src/paradigms/eyeblink/simulate.js";

describe("eyeblink body.responseVariability: a motor gain drawn per trial", () => {
  afterEach(() => overrideEyeblink(null));

  it("is 1 at σ = 0; otherwise lognormal with mean 1 and log-SD σ, the same for a seed and trial", () => {
    expect(responseGain(1, 7, 0)).toBe(1);
    const sigma = 0.5;
    const gains = Array.from({ length: 4000 }, (_, i) => responseGain(3, i, sigma));
    const mean = gains.reduce((a, b) => a + b, 0) / gains.length;
    const logs = gains.map(Math.log);
    const logMean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const logSd = Math.sqrt(logs.reduce((a, b) => a + (b - logMean) ** 2, 0) / (logs.length - 1));
    expect(mean).toBeGreaterThan(0.96);
    expect(mean).toBeLessThan(1.04);
    expect(logSd).toBeGreaterThan(0.47);
    expect(logSd).toBeLessThan(0.53);
    expect(responseGain(3, 11, sigma)).toBe(gains[11]);
    expect(responseGain(4, 11, sigma)).not.toBe(gains[11]);
  });

  it("scales each trial's eyelid by its gain and leaves the cerebellum untouched", () => {
    const { experiment } = eyeblink.resolve({ experiment: { design: "40 T+(isi=500)" } });
    const model = { granule: { count: 500 } };
    const plain = simulateEyeblink(experiment, 2, model).records;
    overrideEyeblink({ body: { responseVariability: 0.6 } });
    const varied = simulateEyeblink(experiment, 2, model).records;
    let scaled = 0;
    for (const [k, record] of varied.entries()) {
      // The olive sees the nucleus, not the eyelid: the Purkinje pause is the same bit for bit.
      expect(record.pause).toEqual(plain[k].pause);
      const gain = responseGain(2, record.trial.index, 0.6);
      for (let t = 0; t < record.eyelid.length; t++) {
        // (float32 rounding of z before or after the product: within one float32 ulp)
        expect(Math.abs(record.eyelid[t] - gain * plain[k].eyelid[t])).toBeLessThanOrEqual(
          1e-6 * gain * plain[k].eyelid[t],
        );
        if (plain[k].eyelid[t] > 0) scaled++;
      }
    }
    expect(scaled).toBeGreaterThan(0);
  });

  it("turns a learned CR into one seen on some trials and not others", () => {
    const { experiment } = eyeblink.resolve({ experiment: { design: "60 T+(isi=500)" } });
    const model = { granule: { count: 1000 } };
    const crs = (rows: { cr: boolean }[]) => rows.slice(-30).filter((r) => r.cr).length;
    const plain = crs(simulateEyeblink(experiment, 1, model).rows);
    overrideEyeblink({ body: { responseVariability: 1.5 } });
    const varied = crs(simulateEyeblink(experiment, 1, model).rows);
    expect(plain).toBe(30);
    expect(varied).toBeGreaterThan(0);
    expect(varied).toBeLessThan(30);
  });
});
