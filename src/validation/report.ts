/**
 * The scorecard report (`shoulda validate --report DIR`): one self-contained HTML page a
 * reviewer reads first. Coverage at the top; then per target its verdict, claim by claim the
 * simulated animals (points, mean and 95 % interval) beside the published window or the
 * "no effect" line, the test and p, the protocol variants, and the source. It loads nothing and
 * runs no script.
 */
import { intervalPlot } from "../io/plots.js";
import { escapeHtml, namespaceSvgIds } from "../io/report.js";
import type { Coverage } from "./coverage.js";
import { ALPHA, MIN_ANIMALS_FOR_TEST } from "./statistics.js";
import { M_WIDENING } from "./tolerances.js";
import type { ClaimResult, TargetResult } from "./types.js";

export interface ScorecardReport {
  results: readonly TargetResult[];
  coverage: Coverage;
  animals: number;
  seconds: number;
  date?: Date;
}

/**
 * A number for a reader (not io/csv's exact formatNumber): three significant figures, whole
 * numbers from 100 up.
 */
export const figures = (x: number) =>
  !Number.isFinite(x)
    ? String(x)
    : Math.abs(x) >= 100
      ? x.toFixed(0)
      : Number(x.toPrecision(3)).toString();

/** "mean [lo, hi]", as the table, the failing claims and the report all show it. */
export const meanAndCi = (mean: number, [lo, hi]: readonly [number, number]) =>
  `${figures(mean)} [${figures(lo)}, ${figures(hi)}]`;

const VERDICT_COLOUR = { pass: "#2e7d32", fragile: "#b26a00", miss: "#c62828" } as const;

async function claimFigure(c: ClaimResult, id: string): Promise<string> {
  const svg = await intervalPlot({
    title: c.claim,
    values: c.values,
    mean: c.mean,
    ci: c.ci,
    ...(c.window ? { window: c.window } : { reference: 0 }),
  });
  const rule =
    c.kind === "win"
      ? `window [${c.window?.map(figures).join(", ")}]`
      : c.test === "screen"
        ? `screen: positive in every animal (n < ${MIN_ANIMALS_FOR_TEST})`
        : `one-sided ${c.test === "sign" ? "sign test" : "Wilcoxon signed-rank"}, p = ${c.p?.toPrecision(2)}`;
  const mark = c.pass ? "✓" : "✗";
  return `<figure class="${c.pass ? "ok" : "bad"}">${namespaceSvgIds(svg, id)}
<figcaption>${mark} mean ${meanAndCi(c.mean, c.ci)} · ${escapeHtml(rule)}</figcaption></figure>`;
}

const failingText = (claims: readonly ClaimResult[]) =>
  claims
    .filter((c) => !c.pass)
    .map((c) => escapeHtml(`${c.claim} (mean ${meanAndCi(c.mean, c.ci)})`))
    .join("; ");

async function targetSection(r: TargetResult): Promise<string> {
  // Inline SVGs share one id namespace: prefix each plot's ids with its target and claim.
  const claims = (await Promise.all(r.claims.map((c, i) => claimFigure(c, `${r.id}-${i}`)))).join(
    "\n",
  );
  const variants = r.variants
    .map(
      (v) =>
        `<li><b>${escapeHtml(v.protocol)}</b> (${escapeHtml(v.description ?? "")}): ${v.pass ? "holds" : `fails — ${failingText(v.claims)}`}</li>`,
    )
    .join("");
  const reference = r.reference
    ? `<p class="ref">${escapeHtml(r.reference.name)} on the same designs: ${r.reference.pass ? "reproduces it" : "does not reproduce it"}.</p>`
    : "";
  return `<section id="${escapeHtml(r.id)}">
<h3><span class="verdict" style="background:${VERDICT_COLOUR[r.verdict]}">${r.verdict}</span> ${escapeHtml(r.id)} <small>${escapeHtml(r.paradigm)} · n = ${r.animals}${r.publishedN ? ` (published n = ${escapeHtml(r.publishedN)})` : ""}</small></h3>
<p class="pub"><b>Published:</b> ${escapeHtml(r.published)} <span class="src">— ${escapeHtml(r.source)}</span></p>
<p class="tol"><b>Scored as:</b> ${escapeHtml(r.tolerance)}</p>
<div class="claims">${claims}</div>
${variants ? `<ul class="variants">${variants}</ul>` : ""}${reference}
</section>`;
}

export async function reportPage(input: ScorecardReport): Promise<string> {
  const { results, coverage } = input;
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  const scored = coverage.scored.length;
  const out = coverage.outOfScope;
  const unscored = coverage.unscored;
  const rows = results
    .map(
      (r) =>
        `<tr><td><a href="#${escapeHtml(r.id)}">${escapeHtml(r.id)}</a></td><td style="color:${VERDICT_COLOUR[r.verdict]}">${r.verdict}</td><td>${r.animals}</td><td>${escapeHtml(r.effect.claim)}</td><td>${meanAndCi(r.effect.mean, r.effect.ci)}</td><td>${r.p === undefined ? "—" : r.p.toPrecision(2)}</td></tr>`,
    )
    .join("\n");
  const sections = [];
  for (const r of results) sections.push(await targetSection(r));
  const date = (input.date ?? new Date()).toISOString();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>shoulda scorecard</title>
<style>
body{font:14px/1.45 Helvetica,Arial,sans-serif;color:#222;max-width:1000px;margin:2em auto;padding:0 1em}
h1{margin-bottom:.2em} .lead{color:#555} table{border-collapse:collapse;margin:1em 0}
td,th{border-bottom:1px solid #e4e4e4;padding:3px 8px;text-align:left;vertical-align:top}
.verdict{color:white;border-radius:3px;padding:1px 6px;font-size:12px;text-transform:uppercase}
section{border-top:1px solid #ddd;padding:.6em 0} h3{margin:.3em 0} h3 small{color:#777;font-weight:normal}
.src{color:#666} .tol{color:#444} .claims{display:flex;flex-wrap:wrap;gap:4px 18px}
figure{margin:0} figcaption{font-size:12px;color:#444} figure.bad figcaption{color:#c62828}
.coverage span{display:inline-block;margin-right:1.2em} .ids{color:#666;font-size:12px}
</style></head><body>
<h1>shoulda scorecard</h1>
<p class="lead">${results.length} targets, ${input.animals} animals (seeds 1–${input.animals}) per target and protocol; written ${escapeHtml(date)} in ${figures(input.seconds)} s.
<b>${count("pass")} pass · ${count("fragile")} fragile · ${count("miss")} miss.</b></p>
<p class="coverage"><b>Coverage of the literature targets:</b> <span>${scored} scored</span><span>${out.length} out of scope</span><span>${unscored.length} unscored</span> (of ${scored + out.length + unscored.length} rows)</p>
<p class="ids">Out of scope: ${out.map((r) => escapeHtml(r.id)).join(", ") || "none"}. Unscored: ${unscored.map((r) => escapeHtml(r.id)).join(", ") || "none"}.</p>
<p class="lead">How claims are decided: an ordinal claim passes when a one-sided test across animals rejects "no effect" at α = ${ALPHA} (Wilcoxon signed-rank, or the sign test for coarse effects); a window claim passes when the across-animal mean lies in the published window ([M] windows widened once, by ${100 * M_WIDENING} %). With fewer than ${MIN_ANIMALS_FOR_TEST} animals, a screen rule stands in (effect positive in every animal). An ordinal claim's value is its margin in one animal (a − b for "a &gt; b"; dashed line: no effect); a window claim's value is the measured number (shaded: the window). Red: the mean and its 95 % t interval. Fragile: passes on the standard protocol, fails on a variant. The table shows each target's decisive claim: the first that fails, else the tested one with the largest p.</p>
<table><tr><th>id</th><th>verdict</th><th>n</th><th>decisive claim</th><th>mean [95 % CI]</th><th>p</th></tr>
${rows}
</table>
${sections.join("\n")}
</body></html>
`;
}
