// The bench's workload, shared by run.js, gpu_bench.js and profile.js: the circuit and input
// stream (defined once in src/bench/workload.ts, which the playground's WebGPU test also uses),
// and the job a *_step.js script times.
import { benchChannels, benchParams, benchStream } from "../dist/bench/workload.js";
import { learningWindow } from "../dist/circuit/eligibility.js";

export const paramsFor = benchParams;
export const channels = benchChannels();
export const CHANNELS = channels.length;
export const makeStream = benchStream;

// What every *_step.js job holds for circuit `params` (a script's caller adds the timing fields).
export function stepJob(params) {
  return {
    params,
    channels,
    stream: makeStream(params),
    seed: 1,
    // Untimed warm-up past the eligibility window (L + 1 = 362 steps by default), so the delayed
    // PF→PC updates are running when the clock starts.
    warmupSteps: learningWindow(params).length + 40,
  };
}
