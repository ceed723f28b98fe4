/// <reference types="@webgpu/types" />
/**
 * Finding a WebGPU device: `navigator.gpu` in a browser (page or worker), the optional npm
 * package `webgpu` (Dawn) in Node.
 *
 * Node without a GPU (CI, this project's 2-core machines): Dawn's OpenGL ES backend on Mesa's
 * software rasteriser (llvmpipe) runs the same WGSL. It needs EGL_PLATFORM=surfaceless, the Dawn
 * toggle backend=opengles and an adapter at featureLevel "compatibility"; llvmpipe starts
 * LP_NUM_THREADS threads (default: one per core), so `software` sets it to 1 unless already set.
 */

import type { WebGpuDevice } from "./webgpuTypes.js";

/** No WebGPU here: the message says what is missing (tests skip on it, they do not fail). */
export class GpuUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GpuUnavailableError";
  }
}

export interface GpuDeviceOptions {
  /**
   * "auto" (default): the platform's own backend first (a real GPU), then the software one.
   * "hardware": only the platform's own backend. "software": only Dawn's OpenGL ES on Mesa.
   */
  mode?: "auto" | "hardware" | "software";
}

export interface GpuDeviceInfo {
  device: WebGpuDevice;
  /** "hardware" or "software" (Dawn OpenGL ES on Mesa; a browser's fallback adapter). */
  mode: "hardware" | "software";
  /** Adapter vendor / architecture / description, as reported. */
  adapter: string;
}

type Create = (options: string[]) => GPU;

/**
 * Dawn's instances and adapters, kept alive for the life of the process: if the garbage
 * collector frees the GPU object that made a device, Dawn tears down state the device still
 * uses, and the process crashes or hangs (seen with Mesa: mutex assertions, futex errors).
 */
const keepAlive: unknown[] = [];

async function loadDawn(): Promise<{ create: Create; globals: object }> {
  try {
    // A variable specifier so bundlers (the playground) do not try to resolve the Node package.
    const name = "webgpu";
    return (await import(name)) as { create: Create; globals: object };
  } catch (error) {
    throw new GpuUnavailableError(
      `the optional npm package "webgpu" (Dawn) could not be loaded: ${(error as Error).message}`,
    );
  }
}

/** The adapter's own limits that a large circuit needs, requested in full. */
function wantedLimits(adapter: GPUAdapter): Record<string, number> {
  const l = adapter.limits;
  return {
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
  };
}

function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info;
  return (
    [info?.vendor, info?.architecture, info?.description].filter((s) => s).join(" / ") || "unknown"
  );
}

async function open(gpu: GPU, featureLevel: "core" | "compatibility"): Promise<GPUAdapter | null> {
  const options = { featureLevel, powerPreference: "high-performance" } as GPURequestAdapterOptions;
  const adapter = await gpu.requestAdapter(options);
  keepAlive.push(gpu, adapter);
  return adapter;
}

/** A WebGPU device with the adapter's full buffer limits, or GpuUnavailableError. */
export async function requestGpuDevice(options: GpuDeviceOptions = {}): Promise<GpuDeviceInfo> {
  const mode = options.mode ?? "auto";
  const host = globalThis as {
    navigator?: { gpu?: GPU };
    process?: { env: Record<string, string | undefined> };
  };
  const browserGpu = host.navigator?.gpu;
  if (host.navigator && !host.process && !browserGpu) {
    throw new GpuUnavailableError(
      "navigator.gpu is missing: this browser has no WebGPU here (it needs a secure context; " +
        "Chromium on Linux without a GPU: --enable-unsafe-webgpu gives its SwiftShader adapter)",
    );
  }
  if (browserGpu && !host.process) {
    const adapter = await open(browserGpu, "core");
    if (!adapter) {
      throw new GpuUnavailableError(
        "navigator.gpu gave no adapter (Chromium without a GPU: --enable-unsafe-webgpu)",
      );
    }
    // A fallback adapter is a CPU implementation (Chromium's SwiftShader).
    const software = adapter.info?.isFallbackAdapter === true;
    if (software && mode === "hardware")
      throw new GpuUnavailableError("navigator.gpu gave only a fallback (software) adapter");
    const device = await adapter.requestDevice({ requiredLimits: wantedLimits(adapter) });
    return { device, mode: software ? "software" : "hardware", adapter: describeAdapter(adapter) };
  }
  const dawn = await loadDawn();
  Object.assign(globalThis, dawn.globals);
  const tried: string[] = [];
  if (mode !== "software") {
    const adapter = await open(dawn.create([]), "core");
    if (adapter && !adapter.info?.isFallbackAdapter) {
      const device = await adapter.requestDevice({ requiredLimits: wantedLimits(adapter) });
      return { device, mode: "hardware", adapter: describeAdapter(adapter) };
    }
    tried.push("Dawn default backend: no hardware adapter");
  }
  if (mode !== "hardware") {
    const env = host.process?.env ?? {};
    env.EGL_PLATFORM ??= "surfaceless";
    env.LP_NUM_THREADS ??= "1";
    const adapter = await open(dawn.create(["backend=opengles"]), "compatibility");
    if (adapter) {
      const device = await adapter.requestDevice({ requiredLimits: wantedLimits(adapter) });
      return { device, mode: "software", adapter: describeAdapter(adapter) };
    }
    tried.push("Dawn OpenGL ES (Mesa, EGL_PLATFORM=surfaceless): no adapter");
  }
  throw new GpuUnavailableError(`no WebGPU adapter (${tried.join("; ")})`);
}
