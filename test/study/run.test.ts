/**
 * The study runner on a toy paradigm registered for the test (fast, and able to fail on
 * demand): failed runs are recorded and retried, trial columns that appear later or change type
 * are kept, and group statistics match a hand computation.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { fromCsv, toCsv } from "../../src/io/csv.js";
import { parseWith } from "../../src/model/validate.js";
import { registerParadigm } from "../../src/paradigms/registry.js";
import type { RunConfig } from "../../src/paradigms/types.js";
import { planStudy } from "../../src/study/plan.js";
import { runStudy } from "../../src/study/run.js";
import { parseStudy } from "../../src/study/spec.js";
import { tempDir } from "../cli/helpers.js";
import { query } from "./query.js";

const schema = z.strictObject({
  paradigm: z.literal("toy-study"),
  seed: z.number().int().min(0).default(1),
  gain: z.number().min(0).max(10).default(1),
  failSeed: z.number().int().default(-1),
});

/** A "learning curve" y = gain · seed · trial; seed 2's trials carry a text column, seed 3 a new one. */
registerParadigm<RunConfig>({
  info: { id: "toy-study", title: "Toy", summary: "test only", citation: "none" },
  schema,
  resolve: (input) => parseWith(schema, input, ""),
  async run(config) {
    const { seed, gain, failSeed } = config as z.output<typeof schema>;
    if (seed === failSeed) throw new Error(`seed ${seed} fails on purpose`);
    const trials = [0, 1, 2, 3];
    const columns: Record<string, (number | string | boolean)[]> = {
      trial: trials,
      y: trials.map((t) => gain * seed * t),
      hit: trials.map((t) => t >= seed),
      note: trials.map((t) => (seed === 2 ? `n${t}` : t)),
    };
    if (seed === 3) columns.extra = trials.map(() => 7);
    return {
      summary: { paradigm: "toy-study", seed, total: gain * seed * 6, wallSeconds: Math.random() },
      files: [{ name: "trials.csv", data: toCsv(columns) }],
    };
  },
});

const options = { jobs: 1, versions: {}, title: "toy" };

describe("runStudy", () => {
  it("records failures, keeps going, retries them on the next start; widens trial columns", async () => {
    const dir = join(tempDir(), "toy");
    const spec = (failSeed: number) =>
      parseStudy({
        paradigm: "toy-study",
        seeds: "1..3",
        sweep: { gain: [1, 2] },
        set: { failSeed },
        blockTrials: 2,
      });
    // Seed 2 fails in the first start; the study file is the same, so the folder is resumed.
    const first = await runStudy(planStudy(spec(2)), dir, options);
    expect(first.done).toBe(4);
    expect(first.failed.map((f) => f.runId)).toEqual(["c1-seed2", "c2-seed2"]);
    const db = join(dir, "study.duckdb");
    expect(
      await query(db, "SELECT run_id, status, error FROM runs WHERE status <> 'done' ORDER BY 1"),
    ).toEqual([
      { run_id: "c1-seed2", status: "failed", error: "seed 2 fails on purpose" },
      { run_id: "c2-seed2", status: "failed", error: "seed 2 fails on purpose" },
    ]);

    // The failing cells are retried (and still fail): nothing else runs again.
    const second = await runStudy(planStudy(spec(2)), dir, options);
    expect([second.skipped, second.done, second.failed.length]).toEqual([4, 0, 2]);

    // Group summary over the finished animals only: total = gain · seed · 6 for seeds 1 and 3.
    const table = fromCsv(readFileSync(join(dir, "group-summary.csv"), "utf8"));
    const total = table.metric.flatMap((m, k) =>
      m === "total"
        ? [[table.condition_id[k], table.n[k], Number(table.mean[k]), Number(table.sem[k])]]
        : [],
    );
    expect(total.map((t) => t.slice(0, 3))).toEqual([
      ["c1", "2", 12],
      ["c2", "2", 24],
    ]);
    expect(total[0][3]).toBeCloseTo(6, 10);
    expect(total[1][3]).toBeCloseTo(12, 10);
    // Curves of y in blocks of 2 trials: seed 1 gives 0.5 and 2.5, seed 3 1.5 and 7.5 (gain 1).
    const curves = fromCsv(readFileSync(join(dir, "group-curves.csv"), "utf8"));
    const y = curves.measure.flatMap((m, k) =>
      m === "y" && curves.condition_id[k] === "c1"
        ? [[curves.block[k], Number(curves.mean[k])]]
        : [],
    );
    expect(y).toEqual([
      ["1", 1],
      ["2", 5],
    ]);
    // Seed 2 (the one writing text in "note") failed, so "note" is still a number here.
    expect([...new Set(curves.measure)]).toEqual(["y", "hit", "note", "extra"]);
    expect(
      await query(db, "SELECT count(*)::INTEGER AS n FROM summaries WHERE metric LIKE 'wall%'"),
    ).toEqual([{ n: 0 }]);
    // Seed 3 added a column; the others have NULL there.
    expect(
      await query(
        db,
        "SELECT run_id, sum(extra)::INTEGER AS extra FROM trials GROUP BY 1 ORDER BY 1",
      ),
    ).toEqual([
      { run_id: "c1-seed1", extra: null },
      { run_id: "c1-seed3", extra: 28 },
      { run_id: "c2-seed1", extra: null },
      { run_id: "c2-seed3", extra: 28 },
    ]);
  });

  it("turns a numeric trial column into text when a later run writes text there", async () => {
    const dir = join(tempDir(), "toy2");
    const plan = planStudy(parseStudy({ paradigm: "toy-study", seeds: [1, 2] }));
    const result = await runStudy(plan, dir, options);
    expect(result.failed).toEqual([]);
    const db = join(dir, "study.duckdb");
    expect(
      await query(
        db,
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'trials' AND column_name = 'note'",
      ),
    ).toEqual([{ data_type: "VARCHAR" }]);
    expect(
      (await query(db, "SELECT note FROM trials ORDER BY run_id, row")).map((r) => r.note),
    ).toEqual(["0.0", "1.0", "2.0", "3.0", "n0", "n1", "n2", "n3"]); // DuckDB's DOUBLE → text
  });
});
