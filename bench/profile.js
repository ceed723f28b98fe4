// Where a step's time goes: runs a workload in this process with one backend and times each
// kernel call (granule drive, Golgi selection, Purkinje sums, weight updates); "other" is the
// rest of the step (mossy fibres, basis, olive, credit; for eyeblink also the trial loop).
//
//   npm run build && node bench/profile.js --cells 1000000 --backend wasm --steps 100
//   node bench/profile.js --workload eyeblink --cells 100000 --steps 4000
//
// Workloads: `bench` (workload.js: P = 32, dt 1 ms, learning on every step) and `eyeblink`
// (the playground's bench: the eyeblink paradigm's defaults, dt 5 ms, whole trials, as
// web/src/worker/worker.ts runs it).
import { parseArgs } from "node:util";
import { Cerebellum } from "../dist/brain/cerebellum.js";
import { getKernel, registerKernel } from "../dist/kernels/index.js";
import { eyeblink } from "../dist/paradigms/eyeblink/index.js";
import { ConditioningRun } from "../dist/paradigms/eyeblink/simulate.js";
import { paramsFor, stepJob } from "./workload.js";

const { values: opts } = parseArgs({
  options: {
    cells: { type: "string", default: "100000" },
    backend: { type: "string", default: "wasm" },
    steps: { type: "string", default: "500" },
    workload: { type: "string", default: "bench" },
  },
});
const cells = Number(opts.cells);
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

/** A workload: `run(steps)` runs at least that many steps and returns how many it ran. */
function benchWorkload() {
  const params = paramsFor(cells);
  const { channels, stream, seed, warmupSteps } = stepJob(params);
  const brain = new Cerebellum({ kind: "cerebellum", params, channels, seed }, kernel);
  const C = channels.length;
  const P = params.purkinje.count;
  const context = Float64Array.from(stream.context);
  const teacher = Float64Array.from(stream.teacher);
  let t = 0;
  const run = (steps) => {
    for (let i = 0; i < steps; i++, t++) {
      const k = t % stream.period;
      brain.step(context.subarray(k * C, (k + 1) * C), teacher.subarray(k * P, (k + 1) * P));
    }
    return steps;
  };
  return { warmupSteps, run };
}

function eyeblinkWorkload() {
  // The run looks its kernel up by name: register this timed instance under a name of its own.
  Object.defineProperty(kernel, "name", { value: `profiled-${opts.backend}` });
  registerKernel(kernel);
  const config = eyeblink.resolve({ backend: kernel.name, model: { granule: { count: cells } } });
  const sim = new ConditioningRun(config);
  const run = (steps) => {
    const s0 = sim.brain.time;
    while (sim.brain.time - s0 < steps && !sim.finished) sim.nextTrial();
    return sim.brain.time - s0;
  };
  // One trial of warm-up (a trial is longer than the eligibility window).
  return { warmupSteps: 1, run };
}

const workloads = { bench: benchWorkload, eyeblink: eyeblinkWorkload };
const make = workloads[opts.workload];
if (!make) {
  console.error(
    `--workload: unknown "${opts.workload}"; allowed: ${Object.keys(workloads).join(", ")}`,
  );
  process.exit(2);
}
const { warmupSteps, run } = make();
run(warmupSteps);
for (const m of phases) ms[m] = 0;
const start = performance.now();
const steps = run(Number(opts.steps));
const total = performance.now() - start;
const per = (x) => Number((x / steps).toFixed(4));
const kernels = phases.reduce((a, m) => a + ms[m], 0);
console.log(
  JSON.stringify({
    workload: opts.workload,
    backend: opts.backend,
    granuleCells: cells,
    steps,
    stepsPerSecond: Math.round((steps / total) * 1000),
    msPerStep: per(total),
    ...Object.fromEntries(phases.map((m) => [m, per(ms[m])])),
    other: per(total - kernels),
  }),
);
kernel.dispose?.();
