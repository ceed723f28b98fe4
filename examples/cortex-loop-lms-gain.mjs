// Why the filter's rate axis breaks (docs/cortex.md, "Stability map"): the filter's per-step
// LMS gain. With binary granule cells, a step's PF→PC update changes the nucleus output by
//   λ(t)·e(t),   λ(t) = G_out · η · dt · n(t) / (f·N)
// (G_out = purkinje.outputGain, η = the PF→PC rate, n(t) = active granule cells, f·N the
// Purkinje normalisation), so the residual overshoots (changes sign) where λ > 1 and grows
// where λ > 2. This prints, per filter rate, condition and seed: the mean n, the fraction of
// steps with λ > 1 and > 2, the residual's lag-1 autocorrelation (near −1: it flips sign every
// step) and the last third's cancellation.
//   npm run build && node examples/cortex-loop-lms-gain.mjs [seconds] [seeds] [rates]
//   e.g. node examples/cortex-loop-lms-gain.mjs 120 1,2,3 0.002,0.128,0.256,0.512
import { InputFilter } from "../dist/brain/filter.js";
import { cortexLoopScene, runLoop } from "../dist/paradigms/cortexLoop/experiments.js";
import { cortexLoopParadigm } from "../dist/paradigms/cortexLoop/index.js";

const seconds = Number(process.argv[2] ?? 120);
const seeds = (process.argv[3] ?? "1,2,3").split(",").map(Number);
const rates = (process.argv[4] ?? "0.002,0.128,0.256,0.512").split(",").map(Number);

let tally = null;
const step = InputFilter.prototype.step;
// Observe each filter step (the filter itself is unchanged): active cells, λ, the residual.
InputFilter.prototype.step = function observed(input, context) {
  const out = step.call(this, input, context);
  if (!tally) return out;
  const p = this.brain.params;
  const g = this.brain.granule;
  let g2 = g.count;
  if (g.gain) {
    g2 = 0;
    for (let i = 0; i < g.count; i++) g2 += g.gain[i] ** 2;
  }
  const norm = Math.max(1, Math.round(p.granule.codingLevel * p.granule.count));
  const lambda = (p.purkinje.outputGain * p.plasticity.pfPurkinje.ltd * p.dtMs * g2) / norm;
  const u = this.unexpected[0];
  tally.steps++;
  tally.active += g.count;
  if (lambda > 1) tally.over1++;
  if (lambda > 2) tally.over2++;
  tally.uu += u * u;
  tally.uu1 += u * tally.prev;
  tally.prev = u;
  return out;
};

console.log("| filter rate | condition | seed | mean active cells | steps λ > 1 | steps λ > 2 | residual lag-1 autocorrelation | cancellation, last third (dB) |");
console.log("|---|---|---|---|---|---|---|---|");
for (const rate of rates) {
  for (const condition of ["learning", "none"]) {
    for (const seed of seeds) {
      const config = cortexLoopParadigm.resolve({
        seed,
        protocol: { durationS: seconds },
        model: { plasticity: { pfPurkinje: { ltd: rate, ltp: rate } } },
      });
      tally = { steps: 0, active: 0, over1: 0, over2: 0, uu: 0, uu1: 0, prev: 0 };
      const { run } = runLoop(config, cortexLoopScene(config), condition);
      const t = tally;
      tally = null;
      const db = run.blockCancellationDb.slice(-Math.floor(run.blockCancellationDb.length / 3));
      const pct = (x) => `${((100 * x) / t.steps).toFixed(1)} %`;
      console.log(
        `| ${rate} | ${condition} | ${seed} | ${(t.active / t.steps).toFixed(1)} | ${pct(t.over1)} | ${pct(t.over2)} | ${(t.uu1 / t.uu).toFixed(2)} | ${(db.reduce((a, b) => a + b, 0) / db.length).toFixed(2)} |`,
      );
    }
  }
}
