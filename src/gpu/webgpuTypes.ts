/**
 * The WebGPU types that the public API names. Where the program has WebGPU's types (this
 * project's sources reference @webgpu/types; a browser app may have them from its DOM lib) they
 * are the real GPUDevice and GPUBuffer; where it has none (a Node project that only installs
 * shoulda) they are opaque stand-ins, so that dist/gpu/*.d.ts type-check with skipLibCheck false
 * and no WebGPU globals. The lookup goes through `typeof globalThis`, which never fails to resolve.
 */
type WebGpuGlobal<Name extends string, Fallback> =
  typeof globalThis extends Record<Name, { prototype: infer T }> ? T : Fallback;

/** A WebGPU device (GPUDevice where WebGPU's types are loaded). */
export type WebGpuDevice = WebGpuGlobal<
  "GPUDevice",
  { readonly label: string; readonly queue: object; destroy(): void }
>;

/** A WebGPU buffer (GPUBuffer where WebGPU's types are loaded). */
export type WebGpuBuffer = WebGpuGlobal<
  "GPUBuffer",
  { readonly label: string; readonly size: number; destroy(): void }
>;
