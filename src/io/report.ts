/**
 * One self-contained HTML report of a run: plots inline as SVG, the summary as tables, the full
 * config, versions and seed, and the run's CSV tables embedded as downloadable data links. It
 * loads nothing (a Content-Security-Policy forbids it), runs no script, and opens from a file,
 * an e-mail attachment or a web server alike.
 *
 * Pure string building with no Node imports, so the browser playground can write the same
 * report. {@link reportFiles} adds a PNG of each plot through a rasteriser passed in (the CLI
 * passes `svgToPng` from ./png.ts).
 */
import type { OutputFile } from "../paradigms/types.js";

export interface ReportInput {
  /** The fully resolved config (config.json). */
  config: { paradigm: string; seed: number; [key: string]: unknown };
  /** summary.json. */
  summary: Record<string, unknown>;
  /** The run's output files: SVG plots are drawn, CSV tables embedded, others listed. */
  files: readonly OutputFile[];
  /** Paradigm facts for the header. */
  paradigm?: { title: string; summary?: string; citation?: string };
  /** Software versions, e.g. { shoulda: "0.1.0", node: "v20.20.2", vega: "6.4.0" }. */
  versions: Record<string, string>;
  /** How the run was started, e.g. `shoulda run eyeblink --seed 3`. */
  command?: string;
  /** When the report was written (default: now). */
  date?: Date;
}

/** Files larger than this are listed but not embedded in the report. */
export const MAX_EMBEDDED_BYTES = 2_000_000;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Makes the ids of an SVG unique within a page: inline SVGs share one id namespace, and vega
 * names its clip paths and gradients the same way in every plot.
 */
export function namespaceSvgIds(svg: string, prefix: string): string {
  const ids = new Set<string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) ids.add(m[1]);
  if (ids.size === 0) return svg;
  const rename = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  return svg
    .replace(/(\sid=")([^"]+)"/g, (_, a: string, id: string) => `${a}${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/((?:xlink:)?href=")#([^"]+)"/g, (_, a: string, id: string) => `${a}#${rename(id)}"`);
}

/** Strips an XML prolog / doctype so the SVG can sit inside HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*>\s*/, "").replace(/^\s*<!DOCTYPE[^>]*>\s*/i, "");
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number")
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (Array.isArray(v) && v.every((x) => typeof x === "number"))
    return v.map(formatValue).join(", ");
  if (isScalar(v)) return String(v);
  return JSON.stringify(v);
}

function factsTable(rows: [string, unknown][]): string {
  const body = rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(formatValue(v))}</td></tr>`)
    .join("");
  return `<table class="facts">${body}</table>`;
}

/** An array of flat objects as a table with the union of their keys as columns. */
function recordsTable(rows: Record<string, unknown>[]): string {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const head = keys.map((k) => `<th>${escapeHtml(k)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${keys.map((k) => `<td>${escapeHtml(formatValue(r[k]))}</td>`).join("")}</tr>`)
    .join("");
  return `<div class="scroll"><table class="records"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const isRecordList = (v: unknown): v is Record<string, unknown>[] =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every((x) => typeof x === "object" && x !== null && !Array.isArray(x));

/** The summary: scalars as one table, lists of records as tables, anything else as JSON. */
function summarySection(summary: Record<string, unknown>): string {
  const scalars: [string, unknown][] = [];
  const parts: string[] = [];
  for (const [k, v] of Object.entries(summary)) {
    if (isScalar(v) || (Array.isArray(v) && v.every(isScalar))) scalars.push([k, v]);
    else if (isRecordList(v)) parts.push(`<h3>${escapeHtml(k)}</h3>${recordsTable(v)}`);
    else
      parts.push(`<h3>${escapeHtml(k)}</h3><pre>${escapeHtml(JSON.stringify(v, null, 2))}</pre>`);
  }
  return factsTable(scalars) + parts.join("");
}

/** The report's style sheet (the study report uses it too). */
/**
 * The head of a self-contained report page: no scripts and nothing fetched (the CSP allows only
 * inline styles and data: images), the shared stylesheet, and `extra` markup (escaped by the caller).
 */
export function reportHead(title: string, extra = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
${extra ? `${extra}\n` : ""}<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>`;
}

export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d2330;margin:0;background:#fafbfc}
main{max-width:1100px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde1e6;padding-bottom:3px}
h3{font-size:14px;margin:16px 0 6px}.muted{color:#6a7280}
table{border-collapse:collapse;font-size:13px}th,td{padding:3px 10px;border-bottom:1px solid #eceff2;text-align:left;vertical-align:top}
table.facts th{font-weight:600;white-space:nowrap}table.records td{font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}figure{margin:14px 0;background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:6px;overflow-x:auto}
figure svg{max-width:100%;height:auto}figcaption{font-size:12px;color:#6a7280;padding:2px 4px}
pre{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:10px;overflow:auto;font-size:12px;max-height:480px}
code{font-size:12px}ul.files li{margin:2px 0}
@media print{body{background:#fff}figure{break-inside:avoid}details{display:block}}
`;

/** The report as one HTML string. */
export function reportHtml(input: ReportInput): string {
  const { config, summary, files } = input;
  const date = input.date ?? new Date();
  const title = input.paradigm?.title ?? config.paradigm;
  const plots = files.filter((f) => f.name.toLowerCase().endsWith(".svg"));
  const others = files.filter((f) => !f.name.toLowerCase().endsWith(".svg"));

  const figures = plots
    .map((f, i) => {
      const svg = namespaceSvgIds(inlineSvg(f.data), `plot${i + 1}`);
      return `<figure id="${escapeHtml(`fig-${f.name}`)}">${svg}<figcaption>${escapeHtml(f.name)}</figcaption></figure>`;
    })
    .join("\n");

  const fileItems = [
    { name: "config.json", data: `${JSON.stringify(config, null, 2)}\n` },
    { name: "summary.json", data: `${JSON.stringify(summary, null, 2)}\n` },
    ...others,
  ]
    .map((f) => {
      const bytes = new TextEncoder().encode(f.data).length;
      const size = bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`;
      if (bytes > MAX_EMBEDDED_BYTES) {
        return `<li><code>${escapeHtml(f.name)}</code> <span class="muted">(${size}; too large to embed, see the run folder)</span></li>`;
      }
      const type = f.name.endsWith(".json")
        ? "application/json"
        : f.name.endsWith(".csv")
          ? "text/csv"
          : "text/plain";
      return `<li><a download="${escapeHtml(f.name)}" href="data:${type};base64,${base64(f.data)}"><code>${escapeHtml(f.name)}</code></a> <span class="muted">(${size})</span></li>`;
    })
    .join("");

  const run: [string, unknown][] = [
    ["paradigm", config.paradigm],
    ["seed", config.seed],
    ...(input.command ? ([["command", input.command]] as [string, unknown][]) : []),
    ["written", date.toISOString()],
    ...Object.entries(input.versions).map(([k, v]): [string, unknown] => [k, v]),
  ];

  return `${reportHead(
    `shoulda report: ${title} (seed ${config.seed})`,
    `<meta name="generator" content="shoulda ${escapeHtml(input.versions.shoulda ?? "")}">`,
  )}
<body>
<main>
<p class="muted">shoulda report</p>
<h1>${escapeHtml(title)}</h1>
${input.paradigm?.summary ? `<p>${escapeHtml(input.paradigm.summary)}</p>` : ""}
${input.paradigm?.citation ? `<p class="muted">${escapeHtml(input.paradigm.citation)}</p>` : ""}
<h2>Run</h2>
${factsTable(run)}
<p class="muted">Reproduce: save <code>config.json</code> (below) and run <code>shoulda run config.json</code>; the same seed gives the same results on the same backend.</p>
<h2>Summary</h2>
${summarySection(summary)}
<h2>Plots</h2>
${figures || '<p class="muted">This run wrote no plots.</p>'}
<h2>Data</h2>
<ul class="files">${fileItems}</ul>
<h2>Config</h2>
<details><summary>config.json (every default filled in)</summary><pre>${escapeHtml(JSON.stringify(config, null, 2))}</pre></details>
</main>
</body>
</html>
`;
}

export interface ReportFile {
  name: string;
  data: string | Uint8Array;
}

/**
 * report.html plus `<plot>.png` for each SVG plot, rasterised by `toPng` (omit it for HTML
 * only).
 */
export async function reportFiles(
  input: ReportInput,
  toPng?: (svg: string) => Promise<Uint8Array>,
): Promise<ReportFile[]> {
  const out: ReportFile[] = [{ name: "report.html", data: reportHtml(input) }];
  if (toPng) {
    for (const f of input.files) {
      if (!f.name.toLowerCase().endsWith(".svg")) continue;
      out.push({ name: f.name.replace(/\.svg$/i, ".png"), data: await toPng(f.data) });
    }
  }
  return out;
}
