/**
 * `npm run soak`: 10⁷ steps of a learning cerebellum under a random cue/teacher stream.
 * Fails (exit 1) on any NaN or Inf, a weight outside its bounds, or memory that keeps growing.
 * Options: --steps N (default 1e7), --cells N (default 2000), --seed N, --backend B (default ts;
 * any getKernel name, e.g. wasm).
 */
import { parseArgs } from "node:util";
import { Cerebellum } from "../brain/cerebellum.js";
import { getKernel } from "../kernels/index.js";
import { cerebellumParamsSchema } from "../model/cerebellum.js";
import { Rng } from "../model/rng.js";

const { values } = parseArgs({
  options: {
    steps: { type: "string", default: "10000000" },
    cells: { type: "string", default: "2000" },
    seed: { type: "string", default: "1" },
    backend: { type: "string", default: "ts" },
  },
});
const steps = Number(values.steps);
const params = cerebellumParamsSchema.parse({
  granule: { count: Number(values.cells) },
  mossy: { count: 64 },
  purkinje: { count: 2 },
  plasticity: { pfPurkinje: { ltd: 0.001, ltp: 0.001 }, mfNucleus: { rate: 0.0001 } },
});
const brain = new Cerebellum(
  {
    kind: "cerebellum",
    params,
    channels: ["a", "b", "c"],
    seed: Number(values.seed),
  },
  getKernel(values.backend),
);
const world = Rng.derive(Number(values.seed), "soak-world");
const context = new Float64Array(3);
const teacher = new Float64Array(2);
const checkpoints = 20;
const memory: number[] = [];
const { minWeight, maxWeight } = params.plasticity.pfPurkinje;

function check(t: number): string | undefined {
  for (const w of brain.purkinje.w)
    if (!(w >= minWeight && w <= maxWeight)) return `PF weight ${w} out of bounds at step ${t}`;
  for (const v of brain.nucleus.v)
    if (!(v >= 0 && v <= params.plasticity.mfNucleus.maxWeight))
      return `nucleus weight ${v} at step ${t}`;
  for (const z of brain.purkinje.output) if (!Number.isFinite(z)) return `output ${z} at step ${t}`;
  return undefined;
}

const started = performance.now();
let problem: string | undefined;
for (let t = 0; t < steps && !problem; t++) {
  // Cues switch on and off at random (mean dwell 300 ms); teacher pulses follow cue "a" at 250 ms.
  if (world.uniform() < 1 / 300) {
    const c = world.int(3);
    context[c] = 1 - context[c];
  }
  teacher[0] = t % 1000 >= 250 && t % 1000 < 300 && context[0] > 0 ? 1 : 0;
  teacher[1] = world.uniform() < 0.001 ? 2 : 0;
  const z = brain.step(context, teacher);
  if (!Number.isFinite(z[0]) || !Number.isFinite(z[1])) problem = `output not finite at step ${t}`;
  if ((t + 1) % Math.max(1, Math.floor(steps / checkpoints)) === 0) {
    problem ??= check(t);
    global.gc?.();
    memory.push(process.memoryUsage().rss / 2 ** 20);
    const rate = (t + 1) / ((performance.now() - started) / 1000);
    console.log(`step ${t + 1}: rss ${memory.at(-1)!.toFixed(1)} MB, ${rate.toFixed(0)} steps/s`);
  }
}
// Flat memory: after the first quarter (warm-up), RSS may not grow by more than 20 MB.
const settled = memory.slice(Math.floor(memory.length / 4));
const growth = settled.length > 1 ? Math.max(...settled) - settled[0] : 0;
if (!problem && growth > 20) problem = `memory grew by ${growth.toFixed(1)} MB after warm-up`;
if (problem) {
  console.error(`soak FAILED: ${problem}`);
  process.exitCode = 1;
} else {
  console.log(
    `soak passed: ${steps} steps, no NaN/Inf, weights in bounds, RSS growth ${growth.toFixed(1)} MB after warm-up`,
  );
}
