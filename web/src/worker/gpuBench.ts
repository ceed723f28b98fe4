/**
 * The playground's WebGPU speed test and agreement check, through `navigator.gpu` in this
 * worker (src/gpu/device.ts picks it in a browser; the Node package `webgpu` is never bundled).
 *
 * The GPU engine runs a cerebellar module on given input streams, in batches; eyeblink's
 * ConditioningRun steps a CPU brain trial by trial, so the speed test times the GPU engine on
 * the workload of bench/workload.js instead (the same circuit, stream and warm-up as
 * `npm run bench -- --backends webgpu`, timed as bench/webgpu_step.js times it).
 */
import {
  benchChannels,
  benchParams,
  benchSlice,
  benchStream,
  benchWarmupSteps,
} from "../../../src/bench/workload.js";
import { checkGpuAgainstReference } from "../../../src/gpu/check.js";
import { GpuUnavailableError } from "../../../src/gpu/device.js";
import { GpuCerebellum } from "../../../src/gpu/engine.js";
import type { BenchMsg, GpuCheckMsg } from "../messages.js";

export const GPU_WORKLOAD = "bench/workload.js";
const BATCH_STEPS = 100;

function reason(e: unknown): string | undefined {
  if (e instanceof GpuUnavailableError) return e.message;
  // A device that exists but cannot build the engine (limits, shaders) is reported, not thrown.
  if (e instanceof Error && /WebGPU/.test(e.message)) return e.message;
  return undefined;
}

/** Steps per second of the GPU engine on the bench workload, or why there is no WebGPU. */
export async function gpuBench(granules: number, seconds: number): Promise<BenchMsg> {
  const base = { granules, backend: "webgpu", workload: GPU_WORKLOAD, steps: 0, seconds: 0 };
  const params = benchParams(granules);
  const stream = benchStream(params);
  const t0 = performance.now();
  let brain: GpuCerebellum;
  try {
    brain = await GpuCerebellum.create(
      {
        kind: "cerebellum",
        params,
        channels: benchChannels(),
        seed: 1,
      },
      { batchSteps: BATCH_STEPS },
    );
  } catch (e) {
    const why = reason(e);
    if (why === undefined) throw e;
    return { ...base, stepsPerSecond: 0, buildSeconds: 0, unavailable: why };
  }
  const buildSeconds = (performance.now() - t0) / 1000;
  const slice = (t: number, n: number) => benchSlice(stream, t, n);
  try {
    const warmup = benchWarmupSteps(params);
    const warm = slice(0, warmup);
    await brain.run(warm.context, warm.teacher, warmup);
    let t = warmup;
    let steps = 0;
    let elapsed = 0;
    // One batch per call (bench/webgpu_step.js runs four): a software adapter may take seconds
    // per batch, and the timed region should end near `seconds`.
    const perCall = BATCH_STEPS;
    while (elapsed < seconds * 1000) {
      const { context, teacher } = slice(t, perCall);
      const start = performance.now();
      await brain.run(context, teacher, perCall);
      elapsed += performance.now() - start;
      steps += perCall;
      t += perCall;
    }
    return {
      ...base,
      steps,
      seconds: elapsed / 1000,
      stepsPerSecond: steps / (elapsed / 1000),
      buildSeconds,
      adapter: brain.adapter,
      deviceMode: brain.deviceMode,
    };
  } finally {
    brain.destroy();
  }
}

/** bench/gpu_check.js in the browser: GPU vs the CPU reference engine, same seed, small N. */
export async function gpuCheck(granules: number, steps: number): Promise<GpuCheckMsg> {
  try {
    return { granules, steps, result: await checkGpuAgainstReference(granules, steps) };
  } catch (e) {
    const why = reason(e);
    if (why === undefined) throw e;
    return { granules, steps, unavailable: why };
  }
}
