// The cortex-loop stability map from a finished study (docs/cortex.md, "Stability map"):
//   node examples/cortex-loop-stability-table.mjs DIR [--json]
// DIR is a `shoulda study` folder of cortex-loop runs with the learning condition. For each
// condition it classifies every seed's block series with classifyLoopStability
// (src/analysis/loopStability.ts) and prints one Markdown row: the swept values, the verdicts
// over seeds, and mean ± SD over seeds of the last third's cancellation, its SD, the growth of
// residual power and of the cortex's prediction error (last third / first third).
import { DuckDBInstance } from "@duckdb/node-api";
import { classifyLoopStability } from "../dist/analysis/loopStability.js";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node examples/cortex-loop-stability-table.mjs DIR [--json]");
  process.exit(2);
}
const db = await (await DuckDBInstance.create(`${dir}/study.duckdb`, { access_mode: "READ_ONLY" })).connect();
const rows = (sql) => db.runAndReadAll(sql).then((r) => r.getRowObjectsJS());

const runs = await rows(
  "SELECT run_id, condition_id, condition, seed FROM runs WHERE status = 'done' ORDER BY CAST(substr(condition_id, 2) AS INTEGER), seed",
);
const metrics = await rows(
  "SELECT run_id, metric, value FROM summaries WHERE metric LIKE 'learning.block%' OR metric LIKE 'learning.predictionError%'",
);
/** run → series name → values by block index. */
const series = new Map();
for (const { run_id, metric, value } of metrics) {
  const m = /^learning\.(blockPower|blockCancellationDb|predictionError)\[(\d+)\]$/.exec(metric);
  if (!m) continue;
  const bySeries = series.get(run_id) ?? new Map();
  series.set(run_id, bySeries);
  const values = bySeries.get(m[1]) ?? [];
  bySeries.set(m[1], values);
  values[Number(m[2])] = value;
}

const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
const sd = (a) => (a.length < 2 ? 0 : Math.sqrt(a.reduce((s, x) => s + (x - mean(a)) ** 2, 0) / (a.length - 1)));
const fmt = (a, digits = 2) => {
  const f = a.filter(Number.isFinite);
  if (f.length === 0) return "n/a";
  const more = f.length < a.length ? ` (${a.length - f.length} non-finite)` : "";
  return `${mean(f).toFixed(digits)} ± ${sd(f).toFixed(digits)}${more}`;
};
const growthText = (a) => {
  const f = a.filter(Number.isFinite);
  if (f.length === 0) return "non-finite";
  const m = mean(f);
  return m > 1000 ? `${m.toExponential(1)}` : fmt(a);
};

const byCondition = new Map();
for (const r of runs) {
  const list = byCondition.get(r.condition_id) ?? [];
  byCondition.set(r.condition_id, list);
  const s = series.get(r.run_id);
  // A non-finite block value is stored as NULL, so its index is missing: fill to the longest series.
  const len = Math.max(...[...s.values()].map((v) => v.length));
  const full = (name) => Array.from({ length: len }, (_, i) => s.get(name)?.[i] ?? null);
  const report = classifyLoopStability({
    power: full("blockPower"),
    cancellationDb: full("blockCancellationDb"),
    predictionError: full("predictionError"),
  });
  list.push({ ...r, report });
}

const out = [];
console.log(
  "| condition | verdicts (seeds) | cancellation, last third (dB) | its SD within the run (dB) | power growth | cortex error growth |",
);
console.log("|---|---|---|---|---|---|");
for (const [id, list] of byCondition) {
  const verdicts = {};
  for (const { report } of list) verdicts[report.verdict] = (verdicts[report.verdict] ?? 0) + 1;
  const col = (k) => list.map(({ report }) => report[k]);
  const v = Object.entries(verdicts)
    .map(([k, n]) => `${k} ${n}/${list.length}`)
    .join(", ");
  console.log(
    `| ${id}: ${list[0].condition} | ${v} | ${fmt(col("lastCancellationDb"))} | ${fmt(col("lastCancellationSdDb"))} | ${growthText(col("powerGrowth"))} | ${growthText(col("errorGrowth"))} |`,
  );
  out.push({ id, condition: list[0].condition, runs: list.map(({ seed, report }) => ({ seed: Number(seed), ...report })) });
}
if (process.argv.includes("--json")) console.log(JSON.stringify(out, null, 1));
