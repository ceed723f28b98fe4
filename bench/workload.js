// The bench's workload, shared by run.js, gpu_bench.js and profile.js: the circuit and input
// stream (defined once in src/bench/workload.ts, which the playground's WebGPU test also uses),
// and the job a *_step.js script times.
import {
  benchChannels,
  benchParams,
  benchStream,
  benchWarmupSteps,
} from "../dist/bench/workload.js";

export const paramsFor = benchParams;
export const channels = benchChannels();
export const makeStream = benchStream;

// What every *_step.js job holds for circuit `params` (a script's caller adds the timing fields).
export function stepJob(params) {
  return {
    params,
    channels,
    stream: makeStream(params),
    seed: 1,
    warmupSteps: benchWarmupSteps(params),
  };
}
