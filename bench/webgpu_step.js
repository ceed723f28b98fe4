// Times the WebGPU engine (dist/gpu/engine.js) on one workload read as JSON on stdin, the same
// job bench/run.js gives ts_step.js; prints one JSON result line with backend "webgpu".
//
// One bench step is one Cerebellum step (the phases listed in bench/README.md), but the GPU
// engine runs them in batches of `batchSteps` (job field, default 100) per submission: the
// timed region covers the CPU front end, the upload, the GPU work and the read-back of z and
// the active counts, for whole batches. `deviceMode` says whether a real GPU ("hardware") or
// Mesa's software rasteriser ("software") ran it.
import { readFileSync } from "node:fs";
import { benchSlice } from "../dist/bench/workload.js";
import { GpuCerebellum } from "../dist/gpu/engine.js";
import { stepTiming } from "./report.js";

const job = JSON.parse(readFileSync(0, "utf8"));
const { params, channels, stream, warmupSteps, steps, seconds, seed } = job;
const batchSteps = job.batchSteps ?? 100;

const setupStart = performance.now();
let brain;
try {
  brain = await GpuCerebellum.create(
    { kind: "cerebellum", params, channels, seed },
    { batchSteps, mode: job.gpuMode ?? "auto" },
  );
} catch (error) {
  // One line the parent can show (Dawn prints its own warnings to stderr as well).
  console.error(`webgpu: ${error.message}`);
  process.exit(3);
}
const setupSeconds = (performance.now() - setupStart) / 1000;

const slice = (t, n) => benchSlice(stream, t, n);

let t = 0;
const warm = slice(0, warmupSteps);
await brain.run(warm.context, warm.teacher, warmupSteps);
t += warmupSteps;

// Timed: several batches per call (the next batch is prepared while the GPU runs one), until
// `steps` are done or `seconds` have passed. Inputs are cut before the clock starts.
const perCall = batchSteps * 4;
let done = 0;
let activeSum = 0;
let elapsed = 0;
while (steps ? done < steps : elapsed < seconds * 1000) {
  const n = steps ? Math.min(perCall, steps - done) : perCall;
  const { context, teacher } = slice(t, n);
  const start = performance.now();
  const out = await brain.run(context, teacher, n);
  elapsed += performance.now() - start;
  for (let s = 0; s < n; s++) activeSum += out.active[s];
  done += n;
  t += n;
}

const timing = { params, steps: done, elapsedMs: elapsed, activeSum, setupSeconds };
console.log(
  JSON.stringify({
    ...stepTiming({ backend: "webgpu", ...timing }),
    batchSteps,
    deviceMode: brain.deviceMode,
    adapter: brain.adapter,
    deviceMB: Math.round(brain.layout.deviceBytes / 2 ** 20),
    weightChunks: brain.layout.chunks,
  }),
);
brain.destroy();
process.exit(0);
