// Agreement check of the WebGPU engine with the CPU reference engine at a bench-like size, run
// by bench/gpu.sh before timing (the test suite checks the GPU kernels only on Mesa, at small N;
// the playground runs the same check in the browser). Same seed and inputs on both; learning
// starts at once (exact-shift rule, Δ = 5 ms). Passes if the active counts agree on every step
// and z agrees within 10⁻³ of its scale (src/gpu/check.ts; docs/gpu.md: float32 sums and rare
// cut-bin swaps). Prints one JSON line; exit 1 on disagreement, 3 without WebGPU.
//
//   node bench/gpu_check.js [N=1000000] [steps=200] [mode=auto]
import { checkGpuAgainstReference } from "../dist/gpu/check.js";
import { GpuUnavailableError } from "../dist/gpu/device.js";

const n = Number(process.argv[2] ?? 1_000_000);
const steps = Number(process.argv[3] ?? 200);
const mode = process.argv[4] ?? "auto";
let result;
try {
  result = await checkGpuAgainstReference(n, steps, { mode });
} catch (error) {
  if (!(error instanceof GpuUnavailableError) && !/WebGPU/.test(error.message)) throw error;
  console.error(`webgpu: ${error.message}`);
  process.exit(3);
}
console.log(JSON.stringify(result));
process.exit(result.check === "pass" ? 0 : 1);
