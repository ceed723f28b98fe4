// The table of docs/mouse.md "What cortex context adds, over animals": reads a finished (or
// partly finished) `shoulda study examples/mouse-ablation.yaml` folder and prints, per cortex
// and per module figure, the added = with − without margin over animals: mean ± SD, how many
// animals > 0, and the one-sided p of the exact sign test and of Wilcoxon's signed-rank test
// (src/validation/statistics.ts, the project's across-animal tests). Needs `npm run build`.
// Usage: node scripts/mouse-ablation-table.js DIR
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { oneSidedP } from "../dist/validation/statistics.js";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/mouse-ablation-table.js STUDY_DIR");
  process.exit(2);
}
// Each row: summary metric under cortexContext, and the sign that means "the context helps"
// (external sounds passing less whole is a cost, so its margin is shown as is, sign −1).
const FIGURES = [
  ["filter", "lateLickCancellationDb", "lick cancellation (dB)"],
  ["filter", "lateChewCancellationDb", "chew cancellation (dB)"],
  ["filter", "lateExternalGain", "external sounds passed (gain)"],
  ["cerebellum", "lateCrRate", "CR rate, late"],
  ["cerebellum", "earlyCrRate", "CR rate, early"],
  ["amygdala", "lateFreezingCue", "freezing to the light (%)"],
  ["amygdala", "lateFreezingCorner", "freezing in the corner (%)"],
  ["amygdala", "lateFreezingElsewhere", "freezing elsewhere (%)"],
];

const db = await DuckDBInstance.create(join(dir, "study.duckdb"), { access_mode: "READ_ONLY" });
const con = await db.connect();
const reader = await con.runAndReadAll(`
  SELECT r.condition, r.seed, s.metric, s.value
  FROM summaries s JOIN runs r USING (run_id)
  WHERE r.status = 'done' AND s.metric LIKE 'cortexContext.%'
  ORDER BY r.condition, r.seed`);
const rows = reader.getRowObjects();

const sd = (xs) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
const fmt = (x, d) => (Number.isFinite(x) ? (x >= 0 ? "+" : "") + x.toFixed(d) : "—");
const digits = (name) => (name.includes("Gain") || name.includes("CrRate") ? 3 : 2);

for (const condition of [...new Set(rows.map((r) => r.condition))]) {
  const mine = rows.filter((r) => r.condition === condition);
  const seeds = [...new Set(mine.map((r) => Number(r.seed)))];
  console.log(`\n${condition}: seeds ${seeds.join(",")} (n = ${seeds.length})`);
  console.log("| module | late figure | added: mean ± SD | animals > 0 | sign p | Wilcoxon p | per animal |");
  console.log("|---|---|---:|---:|---:|---:|---|");
  for (const [module, figure, label] of FIGURES) {
    const metric = `cortexContext.${module}.${figure}.added`;
    // A null margin (no CR to time, no licks late) is NaN: it counts as "no effect" in the tests.
    const values = seeds.map((seed) => {
      const row = mine.find((r) => Number(r.seed) === seed && r.metric === metric);
      return row && row.value !== null ? Number(row.value) : Number.NaN;
    });
    const finite = values.filter(Number.isFinite);
    const mean = finite.reduce((s, x) => s + x, 0) / finite.length;
    const d = digits(figure);
    console.log(
      `| ${module} | ${label} | ${fmt(mean, d)} ± ${sd(finite).toFixed(d)} | ${finite.filter((x) => x > 0).length}/${values.length} | ${oneSidedP(values, "sign").toPrecision(2)} | ${oneSidedP(values, "wilcoxon").toPrecision(2)} | ${values.map((x) => fmt(x, d)).join(" ")} |`,
    );
  }
}
con.closeSync?.();
