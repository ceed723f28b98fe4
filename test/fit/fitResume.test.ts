/**
 * A fit killed with SIGKILL mid-search and started again re-runs nothing that finished and
 * ends where an uninterrupted fit does (a separate process on dist/, built by `npm test`).
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../cli/helpers.js";
import { query } from "../study/query.js";

const T = "cs=10s, pre=30s, post=30s, iti=60s, jitter=20s";
const FIT = `paradigm: fear
data: freezing.csv
seeds: [1, 2]
set:
  experiment: "4 T+(isi=9s, usdur=1s, ${T}) > 2 T-(${T})"
params:
  model.plasticity.la.potentiation: {lo: 0.01, hi: 0.16, log: true}
restarts: 1
maxEvaluations: 6
`;
/** Freezing that rises over the pairings and falls in the tests (any target will do here). */
const DATA = "trial,csFreezing\n1,0\n2,40\n3,60\n4,70\n5,65\n6,55\n";

describe("shoulda fit after kill -9", () => {
  it("resumes from its database without re-running finished candidates", async () => {
    const bin = resolve("bin/shoulda.js");
    const dir = tempDir();
    writeFileSync(join(dir, "fit.yaml"), FIT);
    writeFileSync(join(dir, "freezing.csv"), DATA);
    const start = (out: string, killAfter?: number) =>
      new Promise<number | string>((done) => {
        const child = spawn(
          process.execPath,
          [bin, "fit", "fit.yaml", "--out", out, "--jobs", "2"],
          {
            cwd: dir,
            stdio: ["ignore", "ignore", "pipe"],
          },
        );
        let evaluations = 0;
        child.stderr.setEncoding("utf8");
        child.stderr.on("data", (text: string) => {
          evaluations += text.split("\n").filter((l) => l.startsWith("restart ")).length;
          if (killAfter !== undefined && evaluations >= killAfter) child.kill("SIGKILL");
        });
        child.on("close", (code, signal) => done(code ?? String(signal)));
      });
    expect(await start("ref")).toBe(0);
    expect(await start("killed", 2)).toBe("SIGKILL");
    const db = join(dir, "killed", "study.duckdb");
    const [before] = await query(
      db,
      "SELECT count(*)::INTEGER AS n FROM runs WHERE status = 'done'",
    );
    expect(before.n).toBeGreaterThanOrEqual(4);
    expect(await start("killed")).toBe(0);

    const readFitJson = (name: string) =>
      JSON.parse(readFileSync(join(dir, name, "fit.json"), "utf8"));
    const [ref, got] = [readFitJson("ref"), readFitJson("killed")];
    expect(got.best).toEqual(ref.best);
    expect(got.restarts).toEqual(ref.restarts);
    expect(got.runs.fromDatabase).toBeGreaterThanOrEqual(before.n as number);
    expect(got.runs.now + got.runs.fromDatabase).toBe(ref.runs.now);
    const [runs] = await query(
      db,
      "SELECT count(*)::INTEGER AS n, count(DISTINCT run_id)::INTEGER AS d, min(status) AS s FROM runs",
    );
    expect(runs).toEqual({ n: ref.candidates * 2, d: ref.candidates * 2, s: "done" });
  }, 120_000);
});
