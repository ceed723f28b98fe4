// Times Cerebellum.step() from dist/ for one workload read as JSON on stdin (written by run.js);
// prints one JSON result line. Runs in its own process so that peak RSS belongs to one size.
// `job.kernel` names the kernel backend (getKernel: ts, wasm, wasm-threads); default ts.
import { readFileSync } from "node:fs";
import { Cerebellum } from "../dist/brain/cerebellum.js";
import { getKernel } from "../dist/kernels/index.js";
import { stepTiming } from "./report.js";

const job = JSON.parse(readFileSync(0, "utf8"));
const { params, channels, stream, warmupSteps, steps, seconds, seed } = job;
const kernelName = job.kernel ?? "ts";
const kernel = getKernel(kernelName);
const C = channels.length;
const P = params.purkinje.count;

const setupStart = performance.now();
const brain = new Cerebellum({ kind: "cerebellum", params, channels, seed }, kernel);
const setupSeconds = (performance.now() - setupStart) / 1000;
// The integer tier's incremental sums instead of the full ones (same results).
if (job.incremental === true && brain.purkinje.int) brain.purkinje.int.incremental = true;

// Pre-cut the stream into per-step views so the timed loop only calls step().
const context = Float64Array.from(stream.context);
const teacher = Float64Array.from(stream.teacher);
const views = Array.from({ length: stream.period }, (_, t) => [
  context.subarray(t * C, (t + 1) * C),
  teacher.subarray(t * P, (t + 1) * P),
]);

let t = 0;
for (; t < warmupSteps; t++) {
  const [c, s] = views[t % stream.period];
  brain.step(c, s);
}

// Timed: batches of 10 steps until `steps` are done or `seconds` have been spent stepping.
const batch = 10;
let done = 0;
let activeSum = 0;
let elapsed = 0;
while (steps ? done < steps : elapsed < seconds * 1000) {
  const n = steps ? Math.min(batch, steps - done) : batch;
  let active = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++, t++) {
    const [c, s] = views[t % stream.period];
    brain.step(c, s);
    active += brain.granule.count;
  }
  elapsed += performance.now() - start;
  activeSum += active;
  done += n;
}

const timing = { params, steps: done, elapsedMs: elapsed, activeSum, setupSeconds };
console.log(
  JSON.stringify({
    ...stepTiming({ backend: kernelName, ...timing }),
    // Bytes the kernel holds in its own (wasm) memory, when it has one.
    ...(typeof kernel.allocatedBytes === "number" ? { kernelBytes: kernel.allocatedBytes } : {}),
    // FNV-1a of the weights after the run: equal across backends for equal step counts.
    ...(job.hashWeights ? { weightsHash: hashBytes(brain.purkinje.w) } : {}),
    ...(brain.purkinje.int ? intTier(brain.purkinje.int) : {}),
  }),
);
kernel.dispose?.();

// The integer tier: whether its sums were incremental, and the fraction of the active list that
// changed per step (entering + leaving over listed), i.e. the rows an incremental sum reads / 2.
function intTier(int) {
  const churn = int.listedCells > 0 ? int.changedCells / int.listedCells / 2 : undefined;
  return { incrementalSums: int.incremental, ...(int.incremental ? { churn } : {}) };
}

function hashBytes(a) {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
