/**
 * The agreement check of the WebGPU engine with the CPU reference engine (brain/cerebellum.ts)
 * on the same seed and inputs, shared by bench/gpu_check.js (Node) and the playground (browser).
 * Learning starts at once (exact-shift rule, Δ = 5 ms). It passes if the active counts agree on
 * every step and z agrees within 10⁻³ of its scale: float32 sums and rare cut-bin swaps
 * (docs/gpu.md, "Tolerances") stay far inside that.
 */
import { Cerebellum } from "../brain/cerebellum.js";
import { type CerebellumSpec, cerebellumParamsSchema } from "../model/cerebellum.js";
import { GpuCerebellum, type GpuCerebellumOptions } from "./engine.js";

/** |Δz| allowed, as a fraction of max |z|. */
export const CHECK_Z_TOLERANCE = 1e-3;

const C = 8;
const P = 32;

/** The check's circuit: N granule cells, P = 32, M = 256, 8 cue channels, seed 1. */
export function checkSpec(granuleCells: number): CerebellumSpec {
  const params = cerebellumParamsSchema.parse({
    granule: { count: granuleCells, threshold: 1.2 },
    purkinje: { count: P },
    mossy: { count: 256, fibresPerChannel: 16 },
    olive: { feedbackDelayMs: 5 },
    plasticity: { pfPurkinje: { rule: "shift", windowPeakMs: 5, ltd: 0.01, ltp: 0.01 } },
  });
  const channels = Array.from({ length: C }, (_, c) => `cue${c}`);
  return { kind: "cerebellum", params, channels, seed: 1 };
}

/** Staggered cues on 8 of every 20 steps; every output taught on one step in ten. */
export function checkStream(steps: number): { context: Float64Array; teacher: Float64Array } {
  const context = new Float64Array(steps * C);
  const teacher = new Float64Array(steps * P);
  for (let t = 0; t < steps; t++) {
    for (let c = 0; c < C; c++) context[t * C + c] = (t + c * 3) % 20 < 8 ? 1 : 0;
    for (let q = 0; q < P; q++) teacher[t * P + q] = 0.1 + (t % 10 === q % 10 ? 1 : 0);
  }
  return { context, teacher };
}

export interface GpuCheckResult {
  check: "pass" | "FAIL";
  granuleCells: number;
  steps: number;
  /** Steps on which the GPU's active count equals the reference's. */
  countsEqual: number;
  /** max |z_gpu − z_ref| and max |z_ref| over all steps and outputs. */
  zErr: number;
  zMax: number;
  /** The allowed zErr: CHECK_Z_TOLERANCE · zMax. */
  zTolerance: number;
  deviceMode: string;
  adapter: string;
  /** Seconds the GPU run took (build excluded). */
  gpuSeconds: number;
}

/**
 * Runs `steps` steps at `granuleCells` cells on WebGPU and on the reference engine and compares
 * them. Throws GpuUnavailableError (device.ts) when there is no WebGPU.
 */
export async function checkGpuAgainstReference(
  granuleCells: number,
  steps: number,
  options: GpuCerebellumOptions = {},
): Promise<GpuCheckResult> {
  const spec = checkSpec(granuleCells);
  const { context, teacher } = checkStream(steps);
  const gpu = await GpuCerebellum.create(spec, { batchSteps: 50, ...options });
  let out: Awaited<ReturnType<GpuCerebellum["run"]>>;
  const start = performance.now();
  try {
    out = await gpu.run(context, teacher, steps);
  } finally {
    gpu.destroy();
  }
  const gpuSeconds = (performance.now() - start) / 1000;
  const cpu = new Cerebellum(spec);
  let countsEqual = 0;
  let zErr = 0;
  let zMax = 0;
  for (let t = 0; t < steps; t++) {
    const z = cpu.step(context.subarray(t * C, (t + 1) * C), teacher.subarray(t * P, (t + 1) * P));
    if (cpu.granule.count === out.active[t]) countsEqual++;
    for (let q = 0; q < P; q++) {
      zMax = Math.max(zMax, Math.abs(z[q]));
      zErr = Math.max(zErr, Math.abs(z[q] - out.output[t * P + q]));
    }
  }
  const zTolerance = CHECK_Z_TOLERANCE * zMax;
  const ok = countsEqual === steps && zMax > 0 && zErr <= zTolerance;
  return {
    check: ok ? "pass" : "FAIL",
    granuleCells,
    steps,
    countsEqual,
    zErr,
    zMax,
    zTolerance,
    deviceMode: gpu.deviceMode,
    adapter: gpu.adapter,
    gpuSeconds,
  };
}
