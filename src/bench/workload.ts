/**
 * The engine benchmark's workload, one definition for `npm run bench` (bench/workload.js) and the
 * playground's WebGPU speed test: the circuit and its input stream.
 */
import { learningWindow } from "../circuit/eligibility.js";
import { type CerebellumParams, cerebellumParamsSchema } from "../model/cerebellum.js";

/** Context channels of the workload (cue0 … cue7). */
export const BENCH_CHANNELS = 8;

export const benchChannels = (): string[] =>
  Array.from({ length: BENCH_CHANNELS }, (_, c) => `cue${c}`);

/**
 * The circuit at N granule cells: K = 4, P = 32, M = 256, f = 5 %, learning on, dt = 1 ms; other
 * params default, except the threshold floor θ₀, lowered from the eyeblink-tuned 2.0 to 1.2 so
 * that the cue stream drives the 5 % coding level at every size.
 */
export function benchParams(n: number): CerebellumParams {
  return cerebellumParamsSchema.parse({
    dtMs: 1,
    granule: { count: n, fanIn: 4, codingLevel: 0.05, threshold: 1.2 },
    purkinje: { count: 32 },
    mossy: { count: 256, fibresPerChannel: 16 },
  });
}

/**
 * The input stream, one 1 s cycle repeated: cue c is on for 400 ms from c·125 ms (so 3–4 cues
 * are on at any time and a new onset launches basis bumps every 125 ms); teacher output q gets a
 * 20 ms pulse 100 ms after the onset of cue q mod 8, on top of a small non-zero sinusoid, so the
 * olive error is non-zero on every step and every output keeps learning. Step t of the cycle is
 * context[t·8 …] and teacher[t·P …].
 */
export interface BenchStream {
  period: number;
  context: number[];
  teacher: number[];
}

export function benchStream(p: CerebellumParams): BenchStream {
  const period = Math.round(1000 / p.dtMs);
  const P = p.purkinje.count;
  const context = new Array<number>(period * BENCH_CHANNELS).fill(0);
  const teacher = new Array<number>(period * P).fill(0);
  for (let t = 0; t < period; t++) {
    const ms = t * p.dtMs;
    for (let c = 0; c < BENCH_CHANNELS; c++) {
      const since = (ms - c * 125 + 1000) % 1000;
      context[t * BENCH_CHANNELS + c] = since < 400 ? 1 : 0;
    }
    for (let q = 0; q < P; q++) {
      const since = (ms - (q % BENCH_CHANNELS) * 125 + 1000) % 1000;
      const pulse = since >= 100 && since < 120 ? 1 : 0;
      teacher[t * P + q] = pulse + 0.1 + 0.05 * Math.sin((2 * Math.PI * ms) / 1000 + q);
    }
  }
  return { period, context, teacher };
}

/**
 * Untimed warm-up steps: past the eligibility window (L + 1 = 362 steps by default), so the
 * delayed PF→PC updates are running when the clock starts.
 */
export function benchWarmupSteps(p: CerebellumParams): number {
  return learningWindow(p).length + 40;
}

/** `n` steps of the repeating stream from step t, as flat step-major arrays (for batched engines). */
export function benchSlice(
  stream: BenchStream,
  t: number,
  n: number,
): { context: Float64Array; teacher: Float64Array } {
  const C = stream.context.length / stream.period;
  const P = stream.teacher.length / stream.period;
  const context = new Float64Array(n * C);
  const teacher = new Float64Array(n * P);
  for (let s = 0; s < n; s++) {
    const k = (t + s) % stream.period;
    for (let c = 0; c < C; c++) context[s * C + c] = stream.context[k * C + c];
    for (let q = 0; q < P; q++) teacher[s * P + q] = stream.teacher[k * P + q];
  }
  return { context, teacher };
}
