/**
 * The agreement check of bench/gpu_check.js and the playground (src/gpu/check.ts) on this
 * machine's WebGPU device: it passes at small N, and it does fail when the GPU's outputs are off.
 */
import { describe, expect, it } from "vitest";
import { CHECK_Z_TOLERANCE, checkGpuAgainstReference } from "../../src/gpu/check.js";
import { GpuCerebellum } from "../../src/gpu/engine.js";
import { gpu } from "./device.js";

describe.skipIf(!gpu.device)(`GPU check (${gpu.why})`, () => {
  it("passes at 2,000 cells: equal active counts, |Δz| within 10⁻³ of max|z|", async () => {
    const r = await checkGpuAgainstReference(2000, 120, { device: gpu.device ?? undefined });
    expect(r.countsEqual).toBe(120);
    expect(r.zMax).toBeGreaterThan(0);
    expect(r.zTolerance).toBe(CHECK_Z_TOLERANCE * r.zMax);
    expect(r.zErr).toBeLessThanOrEqual(r.zTolerance);
    expect(r.check).toBe("pass");
  });

  it("fails when the GPU engine's outputs are off by more than the tolerance", async () => {
    const run = GpuCerebellum.prototype.run;
    GpuCerebellum.prototype.run = async function (context, teacher, steps) {
      const out = await run.call(this, context, teacher, steps);
      out.output[out.output.length - 1] += 0.01; // > 10⁻³ · max|z| (max|z| ≈ 0.1–0.2)
      return out;
    };
    try {
      const r = await checkGpuAgainstReference(2000, 120, { device: gpu.device ?? undefined });
      expect(r.zErr).toBeGreaterThan(r.zTolerance);
      expect(r.check).toBe("FAIL");
    } finally {
      GpuCerebellum.prototype.run = run;
    }
  });
});
