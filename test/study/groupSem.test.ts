import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { GROUP_SUMMARY_SQL } from "../../src/study/group.js";

/**
 * A diverged run (the cortex-loop stability map's cortex error reaches 1e260) must not stop the
 * group summary: DuckDB's stddev_samp throws on overflow, so such a SEM is NULL instead.
 */
describe("group summary SEM", () => {
  it("keeps ordinary SEMs and gives NULL, not an error, for values beyond ±1e150", async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    await db.run(
      "CREATE TABLE runs (run_id VARCHAR, condition_id VARCHAR, condition VARCHAR, status VARCHAR)",
    );
    await db.run(
      "CREATE TABLE summaries (run_id VARCHAR, ord INTEGER, metric VARCHAR, value DOUBLE)",
    );
    await db.run(
      "INSERT INTO runs VALUES ('a1','c1','x','done'), ('a2','c1','x','done'), ('a3','c1','x','done')",
    );
    await db.run(
      "INSERT INTO summaries VALUES ('a1',0,'ok',1), ('a2',0,'ok',2), ('a3',0,'ok',4), ('a1',1,'huge',1e260), ('a2',1,'huge',2e260), ('a3',1,'huge',3e260)",
    );
    const rows = (await db.runAndReadAll(GROUP_SUMMARY_SQL)).getRowObjectsJS() as {
      metric: string;
      mean: number;
      sem: number | null;
    }[];
    const ok = rows.find((r) => r.metric === "ok");
    const huge = rows.find((r) => r.metric === "huge");
    expect(ok?.sem).toBeCloseTo(Math.sqrt(7 / 3) / Math.sqrt(3), 12);
    expect(huge?.mean).toBeCloseTo(2e260, -250);
    expect(huge?.sem).toBeNull();
  });
});
