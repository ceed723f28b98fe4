// The bench's workload, shared by run.js, gpu_bench.js and profile.js: the circuit, the input
// stream, and the job a *_step.js script times.
import { learningWindow } from "../dist/circuit/eligibility.js";
import { cerebellumParamsSchema } from "../dist/model/cerebellum.js";

// The circuit: K = 4, P = 32, M = 256, f = 5 %, learning on, dt = 1 ms; other params default,
// except the threshold floor θ₀, lowered from the eyeblink-tuned 2.0 to 1.2 so that the bench's
// cue stream drives the documented 5 % coding level at every size.
export const CHANNELS = 8;
export const paramsFor = (n) =>
  cerebellumParamsSchema.parse({
    dtMs: 1,
    granule: { count: n, fanIn: 4, codingLevel: 0.05, threshold: 1.2 },
    purkinje: { count: 32 },
    mossy: { count: 256, fibresPerChannel: 16 },
  });
export const channels = Array.from({ length: CHANNELS }, (_, c) => `cue${c}`);

// The input stream, one 1 s cycle repeated: cue c is on for 400 ms from c·125 ms (so 3–4 cues
// are on at any time and a new onset launches basis bumps every 125 ms); teacher output q gets a
// 20 ms pulse 100 ms after the onset of cue q mod 8, on top of a small non-zero sinusoid, so the
// olive error is non-zero on every step and every output keeps learning.
export function makeStream(p) {
  const period = Math.round(1000 / p.dtMs);
  const P = p.purkinje.count;
  const context = new Array(period * CHANNELS).fill(0);
  const teacher = new Array(period * P).fill(0);
  for (let t = 0; t < period; t++) {
    const ms = t * p.dtMs;
    for (let c = 0; c < CHANNELS; c++) {
      const since = (ms - c * 125 + 1000) % 1000;
      context[t * CHANNELS + c] = since < 400 ? 1 : 0;
    }
    for (let q = 0; q < P; q++) {
      const since = (ms - (q % CHANNELS) * 125 + 1000) % 1000;
      const pulse = since >= 100 && since < 120 ? 1 : 0;
      teacher[t * P + q] = pulse + 0.1 + 0.05 * Math.sin((2 * Math.PI * ms) / 1000 + q);
    }
  }
  return { period, context, teacher };
}

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
