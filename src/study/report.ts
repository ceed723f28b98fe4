/**
 * The study report (DIR/report.html), self-contained like the run report: the study's facts,
 * the group plots inline, per-condition mean ± SEM (n) of every summary metric, the runs, and
 * the group tables as downloadable data links.
 */
import { escapeHtml, namespaceSvgIds, reportHead } from "../io/report.js";
import type { OutputFile } from "../paradigms/types.js";
import type { GroupMetric } from "./group.js";
import type { StudyPlan } from "./plan.js";

export interface StudyReportInput {
  plan: StudyPlan;
  title: string;
  metrics: GroupMetric[];
  runs: {
    run_id: string;
    condition_id: string;
    seed: number;
    status: string;
    seconds: number | null;
  }[];
  plots: OutputFile[];
  /** CSV tables to embed as data links. */
  tables: OutputFile[];
  versions: Record<string, string>;
  command?: string;
  date?: Date;
}

const num = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? "—" : String(Number(x.toPrecision(4)));

function table(head: string[], rows: string[][]): string {
  const h = head.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const b = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("");
  return `<div class="scroll"><table class="records"><thead><tr>${h}</tr></thead><tbody>${b}</tbody></table></div>`;
}

/** Metrics as rows, conditions as columns: "mean ± sem (n)". */
function metricsTable(plan: StudyPlan, metrics: GroupMetric[]): string {
  const ids = plan.conditions.map((c) => c.id);
  const names: string[] = [];
  const cell = new Map<string, GroupMetric>();
  for (const m of metrics) {
    if (!names.includes(m.metric)) names.push(m.metric);
    cell.set(`${m.condition_id}\u0000${m.metric}`, m);
  }
  const rows = names.map((name) => [
    name,
    ...ids.map((id) => {
      const m = cell.get(`${id}\u0000${name}`);
      if (!m || m.n === 0) return "—";
      return m.n === 1 ? `${num(m.mean)} (1)` : `${num(m.mean)} ± ${num(m.sem)} (${m.n})`;
    }),
  ]);
  return table(["metric", ...ids], rows);
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

export function studyReportHtml(input: StudyReportInput): string {
  const { plan } = input;
  const date = input.date ?? new Date();
  const done = input.runs.filter((r) => r.status === "done").length;
  const facts: [string, string][] = [
    ["paradigm", plan.spec.paradigm],
    ["conditions", String(plan.conditions.length)],
    ["seeds", plan.spec.seeds.join(", ")],
    ["runs", `${done} done of ${input.runs.length}`],
    ...(input.command ? ([["command", input.command]] as [string, string][]) : []),
    ["written", date.toISOString()],
    ...Object.entries(input.versions),
  ];
  const figures = input.plots
    .map(
      (f, i) =>
        `<figure>${namespaceSvgIds(f.data, `plot${i + 1}`)}<figcaption>${escapeHtml(f.name)}</figcaption></figure>`,
    )
    .join("\n");
  const links = input.tables
    .map(
      (f) =>
        `<li><a download="${escapeHtml(f.name)}" href="data:text/csv;base64,${base64(f.data)}"><code>${escapeHtml(f.name)}</code></a></li>`,
    )
    .join("");
  return `${reportHead(`shoulda study: ${input.title}`)}
<body>
<main>
<p class="muted">shoulda study report</p>
<h1>${escapeHtml(input.title)}</h1>
<h2>Study</h2>
${table(
  ["", ""],
  facts.map(([k, v]) => [k, v]),
)}
<h2>Conditions</h2>
${table(
  ["id", "condition"],
  plan.conditions.map((c) => [c.id, c.label]),
)}
<h2>Group plots</h2>
${figures || '<p class="muted">No per-trial measures to plot.</p>'}
<h2>Summary metrics: mean ± SEM (n animals)</h2>
${metricsTable(plan, input.metrics)}
<h2>Runs</h2>
${table(
  ["run", "condition", "seed", "status", "seconds"],
  input.runs.map((r) => [r.run_id, r.condition_id, String(r.seed), r.status, num(r.seconds)]),
)}
<h2>Data</h2>
<p class="muted">The database <code>study.duckdb</code> and the Parquet files sit next to this report.</p>
<ul class="files">${links}</ul>
</main>
</body>
</html>
`;
}
