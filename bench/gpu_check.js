// Agreement check of the WebGPU engine with the CPU reference engine at a bench-like size, run
// by bench/gpu.sh before timing (the test suite checks the GPU kernels only on Mesa, at small N).
// Same seed and inputs on both; learning starts at once (exact-shift rule, Δ = 5 ms). Passes if
// the active counts agree on every step and z agrees within 10⁻³ of its scale (docs/gpu.md:
// float32 sums and rare cut-bin swaps). Prints one JSON line; exit 1 on disagreement.
//
//   node bench/gpu_check.js [N=1000000] [steps=200] [mode=auto]
import { Cerebellum } from "../dist/brain/cerebellum.js";
import { GpuCerebellum } from "../dist/gpu/engine.js";
import { cerebellumParamsSchema } from "../dist/model/cerebellum.js";

const n = Number(process.argv[2] ?? 1_000_000);
const steps = Number(process.argv[3] ?? 200);
const mode = process.argv[4] ?? "auto";
const C = 8;
const P = 32;
const params = cerebellumParamsSchema.parse({
  granule: { count: n, threshold: 1.2 },
  purkinje: { count: P },
  mossy: { count: 256, fibresPerChannel: 16 },
  olive: { feedbackDelayMs: 5 },
  plasticity: { pfPurkinje: { rule: "shift", windowPeakMs: 5, ltd: 0.01, ltp: 0.01 } },
});
const spec = {
  kind: "cerebellum",
  params,
  channels: Array.from({ length: C }, (_, c) => `cue${c}`),
  seed: 1,
};
const context = new Float64Array(steps * C);
const teacher = new Float64Array(steps * P);
for (let t = 0; t < steps; t++) {
  for (let c = 0; c < C; c++) context[t * C + c] = (t + c * 3) % 20 < 8 ? 1 : 0;
  for (let q = 0; q < P; q++) teacher[t * P + q] = 0.1 + (t % 10 === q % 10 ? 1 : 0);
}
let gpu;
try {
  gpu = await GpuCerebellum.create(spec, { batchSteps: 50, mode });
} catch (error) {
  console.error(`webgpu: ${error.message}`);
  process.exit(3);
}
const out = await gpu.run(context, teacher, steps);
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
const ok = countsEqual === steps && zMax > 0 && zErr <= 1e-3 * zMax;
console.log(
  JSON.stringify({
    check: ok ? "pass" : "FAIL",
    granuleCells: n,
    steps,
    countsEqual,
    zErr,
    zMax,
    deviceMode: gpu.deviceMode,
    adapter: gpu.adapter,
  }),
);
process.exit(ok ? 0 : 1);
