/// <reference types="@webgpu/types" />
/**
 * One WebGPU device for the GPU tests, or the reason there is none. On a machine without a
 * GPU this is Dawn's OpenGL ES backend on Mesa (see src/gpu/device.ts); without the optional
 * `webgpu` package or any adapter the GPU tests are skipped with that reason, not failed
 * (SHOULDA_WEBGPU=off forces that path, to check it).
 */
import { GpuUnavailableError, requestGpuDevice } from "../../src/gpu/device.js";

export interface TestDevice {
  device: GPUDevice | null;
  why: string;
}

async function find(): Promise<TestDevice> {
  if (process.env.SHOULDA_WEBGPU === "off") {
    const why = "SHOULDA_WEBGPU=off";
    console.warn(`GPU tests skipped: ${why}`);
    return { device: null, why };
  }
  try {
    const info = await requestGpuDevice();
    return { device: info.device, why: `${info.mode}: ${info.adapter}` };
  } catch (error) {
    if (error instanceof GpuUnavailableError) {
      console.warn(`GPU tests skipped: ${error.message}`);
      return { device: null, why: error.message };
    }
    throw error;
  }
}

export const gpu = await find();
