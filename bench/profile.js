// Where a step's time goes: runs the bench's workload (workload.js) in this process with one
// backend and times each kernel call (granule drive, Golgi selection, Purkinje sums, weight
// updates); "other" is the rest of Cerebellum.step() (mossy fibres, basis, olive, credit).
//
//   npm run build && node bench/profile.js --cells 1000000 --backend wasm --steps 100
import { parseArgs } from "node:util";
import { Cerebellum } from "../dist/brain/cerebellum.js";
import { getKernel } from "../dist/kernels/index.js";
import { paramsFor, stepJob } from "./workload.js";

const { values: opts } = parseArgs({
  options: {
    cells: { type: "string", default: "100000" },
    backend: { type: "string", default: "wasm" },
    steps: { type: "string", default: "500" },
  },
});
const params = paramsFor(Number(opts.cells));
const kernel = getKernel(opts.backend);
const phases = ["granuleDriveAbove", "selectAbove", "purkinjeSum", "updateWeights"];
const ms = Object.fromEntries(phases.map((m) => [m, 0]));
for (const m of phases) {
  const f = kernel[m].bind(kernel);
  kernel[m] = (...args) => {
    const t0 = performance.now();
    const r = f(...args);
    ms[m] += performance.now() - t0;
    return r;
  };
}
const { channels, stream, seed, warmupSteps } = stepJob(params);
const brain = new Cerebellum({ kind: "cerebellum", params, channels, seed }, kernel);
const C = channels.length;
const P = params.purkinje.count;
const context = Float64Array.from(stream.context);
const teacher = Float64Array.from(stream.teacher);
const step = (t) => {
  const k = t % stream.period;
  brain.step(context.subarray(k * C, (k + 1) * C), teacher.subarray(k * P, (k + 1) * P));
};
let t = 0;
for (; t < warmupSteps; t++) step(t);
for (const m of phases) ms[m] = 0;
const steps = Number(opts.steps);
const start = performance.now();
for (let i = 0; i < steps; i++, t++) step(t);
const total = performance.now() - start;
const per = (x) => Number((x / steps).toFixed(3));
const kernels = phases.reduce((a, m) => a + ms[m], 0);
console.log(
  JSON.stringify({
    backend: opts.backend,
    granuleCells: params.granule.count,
    steps,
    msPerStep: per(total),
    ...Object.fromEntries(phases.map((m) => [m, per(ms[m])])),
    other: per(total - kernels),
  }),
);
kernel.dispose?.();
