/**
 * `shoulda study` and `shoulda run --seeds/--sweep`: the database, Parquet, group tables, plot
 * and report; bad input; resuming after kill -9 (a separate process on dist/, built by
 * `npm test`, with worker threads).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fromCsv } from "../../src/io/csv.js";
import { query } from "../study/query.js";
import { cli, tempDir } from "./helpers.js";

const DESIGN_A = "20 T+(isi=250, iti=300, jitter=50)";
const DESIGN_B = "20 T+(isi=500, iti=300, jitter=50)";
const STUDY = `paradigm: eyeblink
seeds: "1..2"
sweep:
  experiment: ["${DESIGN_A}", "${DESIGN_B}"]
set:
  model.granule.count: 400
  model.mossy.count: 64
blockTrials: 5
`;

/** Any DuckDB handle works for reading Parquet files. */
async function parquet(sql: string): Promise<Record<string, unknown>[]> {
  return query(":memory:", sql);
}

function writeStudy(dir: string, text = STUDY): string {
  const file = join(dir, "study.yaml");
  writeFileSync(file, text);
  return file;
}

describe("shoulda study", () => {
  it("runs every condition × seed once into study.duckdb, Parquet, group tables, plot and report", async () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = await cli("study", writeStudy(dir), "--out", out, "--jobs", "1");
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      [
        "group-cr.svg",
        "group-curves.csv",
        "group-curves.parquet",
        "group-summary.csv",
        "group-summary.parquet",
        "report.html",
        "runs.parquet",
        "study.duckdb",
        "summaries.parquet",
        "trials.parquet",
      ].sort(),
    );
    const db = join(out, "study.duckdb");
    const runs = await query(
      db,
      `SELECT run_id, condition_id, seed::INTEGER AS seed, status, seconds > 0 AS timed, "model.granule.count" AS granule FROM runs ORDER BY run_id`,
    );
    expect(runs).toEqual(
      ["c1", "c2"].flatMap((c) =>
        [1, 2].map((seed) => ({
          run_id: `${c}-seed${seed}`,
          condition_id: c,
          seed,
          status: "done",
          timed: true,
          granule: 400,
        })),
      ),
    );
    const trials = await query(
      db,
      "SELECT run_id, count(*)::INTEGER AS n, count(DISTINCT row)::INTEGER AS rows, any_value(isiMs) AS isi FROM trials JOIN runs USING (run_id) GROUP BY run_id ORDER BY run_id",
    );
    expect(trials.map((t) => [t.n, t.rows, t.isi])).toEqual([
      [20, 20, 250],
      [20, 20, 250],
      [20, 20, 500],
      [20, 20, 500],
    ]);
    // The Parquet export holds the same rows as the database.
    const pq = await parquet(
      `SELECT count(*)::INTEGER AS n, sum(amplitude) AS s FROM '${join(out, "trials.parquet")}'`,
    );
    const dbSum = await query(db, "SELECT count(*)::INTEGER AS n, sum(amplitude) AS s FROM trials");
    expect(pq).toEqual(dbSum);

    // Group summary: mean, SEM and n across the two animals, recomputed here from the runs.
    const summary = fromCsv(readFileSync(join(out, "group-summary.csv"), "utf8"));
    const row = summary.metric.findIndex(
      (m, i) => m === "phases.phase1.crPercent" && summary.condition_id[i] === "c2",
    );
    expect(row).toBeGreaterThanOrEqual(0);
    const values = (
      await query(
        db,
        "SELECT value FROM summaries JOIN runs USING (run_id) WHERE condition_id = 'c2' AND metric = 'phases.phase1.crPercent' ORDER BY seed",
      )
    ).map((v) => v.value as number);
    expect(values).toHaveLength(2);
    const mean = (values[0] + values[1]) / 2;
    const sem = Math.abs(values[0] - values[1]) / 2;
    expect(Number(summary.n[row])).toBe(2);
    expect(Number(summary.mean[row])).toBeCloseTo(mean, 8);
    expect(Number(summary.sem[row] || 0)).toBeCloseTo(sem, 8);

    // Group curve: CR fraction per block of 5 trials, averaged over each animal's block first.
    const curves = fromCsv(readFileSync(join(out, "group-curves.csv"), "utf8"));
    const crRows = curves.measure
      .map((_, i) => i)
      .filter((i) => curves.measure[i] === "cr" && curves.condition_id[i] === "c1");
    expect(crRows.map((i) => Number(curves.block[i]))).toEqual([1, 2, 3, 4]);
    const perTrial = await query(
      db,
      "SELECT seed::INTEGER AS seed, row, cr FROM trials JOIN runs USING (run_id) WHERE condition_id = 'c1' ORDER BY seed, row",
    );
    for (const i of crRows) {
      const block = Number(curves.block[i]);
      const byAnimal = [1, 2].map((seed) => {
        const hits = perTrial.filter(
          (t) => t.seed === seed && Math.floor((t.row as number) / 5) + 1 === block,
        );
        return hits.filter((t) => t.cr).length / hits.length;
      });
      expect(Number(curves.mean[i])).toBeCloseTo((byAnimal[0] + byAnimal[1]) / 2, 8);
      expect(Number(curves.n[i])).toBe(2);
    }
    const svg = readFileSync(join(out, "group-cr.svg"), "utf8");
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain(`c2: ${DESIGN_B}`);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("shoulda study report");
    expect(html).toContain("4 done of 4");
    expect(html).toContain("phases.phase1.crPercent");
    expect(html).toMatch(/<figure><svg/);

    // Started again: nothing to do, nothing counted twice.
    const firstSummary = readFileSync(join(out, "group-summary.csv"), "utf8");
    const again = await cli("study", join(dir, "study.yaml"), "--out", out, "--jobs", "1");
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/0 runs now, 4 already done, 0 failed/);
    expect(await query(db, "SELECT count(*)::INTEGER AS n FROM trials")).toEqual([{ n: 80 }]);
    expect(readFileSync(join(out, "group-summary.csv"), "utf8")).toBe(firstSummary);

    // `run --seeds --sweep --set` is the same study: same layout, same numbers.
    const flags = join(dir, "flags");
    const f = await cli(
      "run",
      "eyeblink",
      "--seeds",
      "1..2",
      "--sweep",
      `experiment=${DESIGN_A},${DESIGN_B}`,
      "--set",
      "model.granule.count=400",
      "--set",
      "model.mossy.count=64",
      "--out",
      flags,
      "--jobs",
      "1",
    );
    expect(f.code, f.err).toBe(0);
    expect(readdirSync(flags).sort()).toEqual(readdirSync(out).sort());
    const metrics = (d: string) => {
      const t = fromCsv(readFileSync(join(d, "group-summary.csv"), "utf8"));
      return t.metric.map((m, i) => `${t.condition_id[i]} ${m} ${t.n[i]} ${t.mean[i]}`);
    };
    // The flag form has blocks of 10 (the default) but the same runs: the summaries agree.
    expect(metrics(flags)).toEqual(metrics(out));
  });

  it("rejects bad input naming the field, exit 2, and writes nothing", async () => {
    const dir = tempDir();
    const cases: [string, RegExp][] = [
      [
        STUDY.replace('"1..2"', '"2..1"'),
        /seeds: got "2\.\.1"; allowed: a list of distinct integers/,
      ],
      [
        STUDY.replace("model.mossy.count", "model.mossy.cont"),
        /set\.model\.mossy\.cont: unknown path/,
      ],
      [STUDY.replace("paradigm: eyeblink", "paradigm: eyeblnk"), /paradigm: got "eyeblnk"/],
      [`${STUDY}extra: 1\n`, /extra: unknown key "extra"; allowed keys: paradigm, seeds, sweep/],
      [
        "paradigm: eyeblink\nseeds: [1]\nsweep:\n  model.granule.count: [400, 0]\n",
        /sweep\.model\.granule\.count: value 0 is not valid/,
      ],
      [STUDY.replace(`"${DESIGN_B}"`, '"20 Q?"'), /sweep\.experiment: value "20 Q\?" is not valid/],
    ];
    for (const [text, message] of cases) {
      const out = join(dir, "never");
      const r = await cli("study", writeStudy(dir, text), "--out", out, "--jobs", "1");
      expect(r.code, text).toBe(2);
      expect(r.err).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    const bad = await cli("study", writeStudy(dir), "--out", join(dir, "never"), "--jobs", "0");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--jobs: got "0"; allowed: an integer 1\.\.1024/);
    const sweep = await cli(
      "run",
      "eyeblink",
      "--sweep",
      "model.granule.count",
      "--out",
      join(dir, "never"),
    );
    expect(sweep.code).toBe(2);
    expect(sweep.err).toMatch(/--sweep: got "model\.granule\.count"; allowed: path=value1,value2/);
    expect(existsSync(join(dir, "never"))).toBe(false);

    // A folder holding another study is refused before anything runs.
    const out = join(dir, "used");
    expect((await cli("study", writeStudy(dir), "--out", out, "--jobs", "1")).code).toBe(0);
    const other = await cli(
      "study",
      writeStudy(dir, STUDY.replace('"1..2"', "[1, 2, 3]")),
      "--out",
      out,
      "--jobs",
      "1",
    );
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/--out: .*study\.duckdb holds a different study/);
  });

  it("resumes after kill -9: every (condition, seed) exactly once, numbers equal an uninterrupted study", async () => {
    const bin = resolve("bin/shoulda.js");
    const dir = tempDir();
    const file = writeStudy(dir, STUDY.replace('"1..2"', '"1..3"').replaceAll("20 T+", "60 T+"));
    const start = (out: string, onLine?: (line: string, kill: () => void) => void) =>
      new Promise<number | string>((done) => {
        const child = spawn(process.execPath, [bin, "study", file, "--out", out, "--jobs", "2"], {
          stdio: ["ignore", "ignore", "pipe"],
        });
        child.stderr.setEncoding("utf8");
        child.stderr.on("data", (text: string) => {
          for (const line of text.split("\n")) onLine?.(line, () => child.kill("SIGKILL"));
        });
        child.on("close", (code, signal) => done(code ?? String(signal)));
      });
    const ref = join(dir, "ref");
    expect(await start(ref)).toBe(0);
    const out = join(dir, "killed");
    const killed = await start(out, (line, kill) => {
      if (line.startsWith("done ")) kill();
    });
    expect(killed).toBe("SIGKILL");
    const db = join(out, "study.duckdb");
    const before = await query(db, "SELECT count(*)::INTEGER AS n FROM runs WHERE status = 'done'");
    expect(before[0].n).toBeGreaterThan(0);
    expect(before[0].n).toBeLessThan(6);
    expect(await start(out)).toBe(0);

    const counts = await query(
      db,
      "SELECT condition_id, seed::INTEGER AS seed, count(*)::INTEGER AS n, min(status) AS status FROM runs GROUP BY ALL ORDER BY ALL",
    );
    expect(counts).toEqual(
      ["c1", "c2"].flatMap((c) =>
        [1, 2, 3].map((seed) => ({ condition_id: c, seed, n: 1, status: "done" })),
      ),
    );
    const rowsPerRun = await query(
      db,
      "SELECT count(*)::INTEGER AS n, count(DISTINCT (run_id, row))::INTEGER AS d FROM trials",
    );
    expect(rowsPerRun).toEqual([{ n: 6 * 60, d: 6 * 60 }]);
    const same = (sql: string) =>
      Promise.all([query(join(ref, "study.duckdb"), sql), query(db, sql)]);
    const [refTrials, gotTrials] = await same("SELECT * FROM trials ORDER BY run_id, row");
    expect(gotTrials).toEqual(refTrials);
    const [refSummaries, gotSummaries] = await same(
      "SELECT run_id, ord, metric, value FROM summaries ORDER BY run_id, ord",
    );
    expect(gotSummaries).toEqual(refSummaries);
    for (const name of ["group-summary.csv", "group-curves.csv"])
      expect(readFileSync(join(out, name), "utf8")).toBe(readFileSync(join(ref, name), "utf8"));
  });
});
