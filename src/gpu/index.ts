/**
 * The WebGPU backend: the cerebellar module as a batched whole-step engine (docs/gpu.md).
 *
 *   const brain = await createGpuCerebellum(spec, { batchSteps: 100 });
 *   const { output, active } = await brain.run(context, teacher, steps);
 */
import type { CerebellumSpec } from "../model/cerebellum.js";
import { GpuCerebellum, type GpuCerebellumOptions } from "./engine.js";

export {
  type GpuDeviceInfo,
  type GpuDeviceOptions,
  GpuUnavailableError,
  requestGpuDevice,
} from "./device.js";
export { GpuCerebellum, type GpuCerebellumOptions, type GpuRunOutput } from "./engine.js";
export { type GpuLayout, planLayout } from "./layout.js";
export type { WebGpuBuffer, WebGpuDevice } from "./webgpuTypes.js";

/** Build a cerebellar module on WebGPU (see GpuCerebellum.create). */
export function createGpuCerebellum(
  spec: CerebellumSpec,
  options: GpuCerebellumOptions = {},
): Promise<GpuCerebellum> {
  return GpuCerebellum.create(spec, options);
}
