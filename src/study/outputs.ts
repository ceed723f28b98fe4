/**
 * A study's group outputs, rewritten from the database after every (re)start: each table as
 * Parquet, the group tables as CSV and Parquet, the group learning-curve plot and report.html.
 * Every file is replaced atomically, so a crash leaves the previous version.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { type CsvValue, toCsv } from "../io/csv.js";
import { groupCurvePlot } from "../io/plots.js";
import type { OutputFile } from "../paradigms/types.js";
import type { StudyDb } from "./db.js";
import {
  animalCurves,
  curveMeasures,
  GROUP_SUMMARY_SQL,
  groupCurves,
  groupCurvesSql,
  groupSummary,
} from "./group.js";
import type { StudyPlan } from "./plan.js";
import { studyReportHtml } from "./report.js";

/** Measures plotted first when a paradigm has them (eyeblink CR, fear freezing, amplitude). */
const PREFERRED = ["cr", "csFreezing", "amplitude"];

function columnsOf<T extends object>(rows: T[], keys: (keyof T)[]): Record<string, CsvValue[]> {
  return Object.fromEntries(keys.map((k) => [k, rows.map((r) => (r[k] ?? null) as CsvValue)]));
}

export interface StudyOutputs {
  files: string[];
}

export async function writeStudyOutputs(
  db: StudyDb,
  dir: string,
  plan: StudyPlan,
  meta: { versions: Record<string, string>; command?: string; title: string },
): Promise<StudyOutputs> {
  const files: string[] = [];
  const save = async (name: string, data: string) => {
    await writeFileAtomic(join(dir, name), data);
    files.push(name);
  };
  const parquet = async (name: string, sql: string) => {
    await db.exportParquet(sql, join(dir, name));
    files.push(name);
  };

  // The raw tables (config text is in runs.config; the study table is internal).
  await parquet("runs.parquet", "SELECT * FROM runs ORDER BY rowid");
  await parquet("trials.parquet", "SELECT * FROM trials ORDER BY run_id, row");
  await parquet("summaries.parquet", "SELECT * FROM summaries ORDER BY run_id, ord");

  // Group tables.
  const metrics = await groupSummary(db);
  await save(
    "group-summary.csv",
    toCsv(columnsOf(metrics, ["condition_id", "condition", "metric", "n", "mean", "sem"])),
  );
  await parquet("group-summary.parquet", GROUP_SUMMARY_SQL);
  const measures = await curveMeasures(db);
  const curves = await groupCurves(db, measures, plan.spec.blockTrials);
  const curveCsv = toCsv(
    columnsOf(curves, ["condition_id", "condition", "measure", "block", "n", "mean", "sem"]),
  );
  await save("group-curves.csv", curveCsv);
  await parquet("group-curves.parquet", groupCurvesSql(measures, plan.spec.blockTrials));

  // The group plot of the first preferred measure (else the first numeric one).
  const plots: OutputFile[] = [];
  const measure = PREFERRED.find((m) => measures.includes(m)) ?? measures[0];
  if (measure !== undefined) {
    const scale = measure === "cr" ? 100 : 1;
    const groups = plan.conditions.map((c) => {
      const pts = curves.filter((p) => p.measure === measure && p.condition_id === c.id);
      return {
        // The values alone: the legend has no room for the paths (the report lists them).
        name: `${c.id}: ${c.params.map(([, v]) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ") || "all"}`,
        x: pts.map((p) => p.block),
        mean: pts.map((p) => (p.mean ?? Number.NaN) * scale),
        sem: pts.map((p) => (p.sem ?? Number.NaN) * scale),
      };
    });
    const perAnimal = await animalCurves(db, measure, plan.spec.blockTrials);
    const animals = plan.conditions.flatMap((c, k) =>
      plan.spec.seeds.map((seed) => {
        const pts = perAnimal.filter((p) => p.condition_id === c.id && p.seed === seed);
        return {
          group: groups[k].name,
          id: String(seed),
          x: pts.map((p) => p.block),
          y: pts.map((p) => (p.value ?? Number.NaN) * scale),
        };
      }),
    );
    const svg = await groupCurvePlot({
      title: `${measure === "cr" ? "CR %" : measure} per block of ${plan.spec.blockTrials} trials: mean ± SEM across animals`,
      xLabel: `block (${plan.spec.blockTrials} trials)`,
      yLabel: measure === "cr" ? "CR %" : measure,
      groups,
      animals,
      ...(measure === "cr" ? { yDomain: [0, 100] as [number, number] } : {}),
    });
    plots.push({ name: `group-${measure}.svg`, data: svg });
    await save(`group-${measure}.svg`, svg);
  }

  const runs = (
    await db.query<{
      run_id: string;
      condition_id: string;
      seed: bigint;
      status: string;
      seconds: number | null;
    }>("SELECT run_id, condition_id, seed, status, seconds FROM runs ORDER BY rowid")
  ).map((r) => ({ ...r, seed: Number(r.seed) }));
  const html = studyReportHtml({
    plan,
    title: meta.title,
    metrics,
    runs,
    plots,
    tables: [
      {
        name: "group-summary.csv",
        data: toCsv(
          columnsOf(metrics, ["condition_id", "condition", "metric", "n", "mean", "sem"]),
        ),
      },
      { name: "group-curves.csv", data: curveCsv },
    ],
    versions: meta.versions,
    command: meta.command,
  });
  await save("report.html", html);
  return { files };
}
