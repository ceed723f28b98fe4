/**
 * The study database: one DuckDB file per study (DIR/study.duckdb).
 *
 *   study     (key, value)                     the study file it belongs to
 *   runs      (run_id, condition_id, condition, seed, status, started_at, finished_at,
 *              seconds, error, config, <flattened config columns>)
 *   trials    (run_id, row, <the paradigm's trials.csv columns>)
 *   summaries (run_id, ord, metric, value)     numeric summary results, one row per metric
 *
 * Only the coordinating process writes. A run's trials, summaries and its "done" status land in
 * one transaction, after its old rows (from an interrupted attempt) are deleted, so a study that
 * is killed and started again counts every run exactly once.
 */
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { ConfigError } from "../model/errors.js";
import {
  type ColumnType,
  commonType,
  flattenConfig,
  flattenSummary,
  parseTrials,
  type Cell as Value,
} from "./flatten.js";
import type { Cell, StudyPlan } from "./plan.js";

export const DB_FILE = "study.duckdb";

export type RunStatus = "pending" | "running" | "done" | "failed";

export interface RunResult {
  summary: Record<string, unknown>;
  /** The paradigm's trials.csv, if it writes one. */
  trialsCsv?: string;
}

/** A double-quoted SQL identifier ("model.granule.count" stays one column). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** A single-quoted SQL string literal. */
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The canonical text of a study, to recognise it when it is started again on the same folder. */
export function studyKey(plan: StudyPlan): string {
  const { paradigm, seeds, sweep, set, base, samples } = plan.spec;
  // samples only when given, so the key of a study without them is what it always was.
  return JSON.stringify({
    paradigm,
    seeds,
    sweep,
    set,
    base: base ?? {},
    ...(samples ? { samples } : {}),
  });
}

function sqlValue(v: Value, type: ColumnType): Value {
  if (v === null) return null;
  if (type === "VARCHAR") return typeof v === "string" ? v : String(v);
  return v;
}

export class StudyDb {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
  ) {}

  /** Opens (creating) DIR/study.duckdb; a database another process holds is a clear error. */
  static async open(dir: string): Promise<StudyDb> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(join(dir, DB_FILE));
    } catch (e) {
      const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
      throw new ConfigError(
        "--out",
        `cannot open ${join(dir, DB_FILE)} (${why}); allowed: a study folder no other shoulda process is using`,
      );
    }
    return new StudyDb(instance, await instance.connect());
  }

  close(): void {
    this.db.closeSync();
    this.instance.closeSync();
  }

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    return (await this.db.runAndReadAll(sql)).getRowObjectsJS() as T[];
  }

  /** Runs one statement with $1, $2, … parameters (a fit's own tables). */
  async exec(sql: string, values: (string | number | null)[] = []): Promise<void> {
    await this.db.run(sql, values);
  }

  /** The study this database holds, or undefined for a new one. */
  async storedKey(): Promise<string | undefined> {
    const tables = await this.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'study'",
    );
    if (tables[0].n === 0) return undefined;
    const rows = await this.query<{ value: string }>("SELECT value FROM study WHERE key = 'study'");
    return rows[0]?.value;
  }

  /** Creates the tables and one pending row per cell, in one transaction. */
  async create(plan: StudyPlan): Promise<void> {
    await this.createTables(
      studyKey(plan),
      plan.spec.paradigm,
      plan.cells.map((c) => c.config),
      plan.cells,
    );
  }

  /**
   * Creates the tables, their config columns typed from `templates` (configs of the shape the
   * runs will have), and pending rows for `cells`, in one transaction. A fit adds its cells
   * later, as candidates come (addCells).
   */
  async createTables(
    key: string,
    paradigm: string,
    templates: Record<string, unknown>[],
    cells: Cell[] = [],
  ): Promise<void> {
    const flat = templates.map((c) => flattenConfig(c));
    const names: string[] = [];
    for (const f of flat) for (const k of Object.keys(f)) if (!names.includes(k)) names.push(k);
    const types = names.map((n) => commonType(flat.map((f) => f[n] ?? null)));
    const configCols = names.map((n, i) => `${ident(n)} ${types[i]}`).join(", ");
    await this.db.run("BEGIN TRANSACTION");
    try {
      await this.db.run("CREATE TABLE study (key VARCHAR PRIMARY KEY, value VARCHAR)");
      await this.db.run(
        `CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, condition_id VARCHAR, condition VARCHAR, seed BIGINT, status VARCHAR, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, seconds DOUBLE, error VARCHAR, config VARCHAR${configCols ? `, ${configCols}` : ""})`,
      );
      await this.db.run("CREATE TABLE trials (run_id VARCHAR, row INTEGER)");
      await this.db.run(
        "CREATE TABLE summaries (run_id VARCHAR, ord INTEGER, metric VARCHAR, value DOUBLE)",
      );
      await this.db.run("INSERT INTO study VALUES ('study', $1), ('paradigm', $2)", [
        key,
        paradigm,
      ]);
      await this.appendCells(cells);
      await this.db.run("COMMIT");
    } catch (e) {
      await this.db.run("ROLLBACK").catch(() => {});
      throw e;
    }
  }

  /** Pending rows for cells the runs table does not hold yet (a fit's new candidates). */
  async addCells(cells: Cell[]): Promise<void> {
    const have = await this.statuses();
    const fresh = cells.filter((c) => !have.has(c.runId));
    if (fresh.length > 0) await this.appendCells(fresh);
  }

  /** Appends runs rows in the table's column order; config leaves without a column are dropped. */
  private async appendCells(cells: Cell[]): Promise<void> {
    if (cells.length === 0) return;
    const columns = await this.query<{ name: string; type: string }>(
      "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'runs' ORDER BY ordinal_position",
    );
    const config = columns.slice(10);
    const appender = await this.db.createAppender("runs");
    for (const cell of cells) {
      const flat = flattenConfig(cell.config);
      appender.appendVarchar(cell.runId);
      appender.appendVarchar(cell.condition.id);
      appender.appendVarchar(cell.condition.label);
      appender.appendBigInt(BigInt(cell.seed));
      appender.appendVarchar("pending");
      for (let k = 0; k < 4; k++) appender.appendNull();
      appender.appendVarchar(JSON.stringify(cell.config));
      for (const col of config) {
        const v = flat[col.name] ?? null;
        const type = col.type as ColumnType;
        // A value that does not fit the column's type (text in a number column) is left out.
        const fits =
          v === null ||
          type === "VARCHAR" ||
          typeof v === (type === "DOUBLE" ? "number" : "boolean");
        append(appender, fits ? sqlValue(v, type) : null);
      }
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  }

  /** Status of every run, by run id. */
  async statuses(): Promise<Map<string, RunStatus>> {
    const rows = await this.query<{ run_id: string; status: RunStatus }>(
      "SELECT run_id, status FROM runs",
    );
    return new Map(rows.map((r) => [r.run_id, r.status]));
  }

  async markRunning(runId: string, at: Date): Promise<void> {
    await this.db.run(
      "UPDATE runs SET status = 'running', started_at = to_timestamp($2), finished_at = NULL, seconds = NULL, error = NULL WHERE run_id = $1",
      [runId, at.getTime() / 1000],
    );
  }

  async markFailed(
    runId: string,
    error: string,
    at: Date,
    seconds: number,
    startedAt?: Date,
  ): Promise<void> {
    await this.db.run(
      "UPDATE runs SET status = 'failed', error = $2, finished_at = to_timestamp($3), seconds = $4, started_at = coalesce(to_timestamp($5), started_at) WHERE run_id = $1",
      [runId, error, at.getTime() / 1000, seconds, startedAt ? startedAt.getTime() / 1000 : null],
    );
  }

  /**
   * A finished run's rows and its "done" status, in one transaction; `startedAt` when the run
   * started elsewhere (a queue worker) and was never marked running here.
   */
  async recordRun(
    runId: string,
    result: RunResult,
    at: Date,
    seconds: number,
    startedAt?: Date,
  ): Promise<void> {
    const trials = result.trialsCsv ? parseTrials(result.trialsCsv) : undefined;
    const metrics = flattenSummary(result.summary);
    await this.db.run("BEGIN TRANSACTION");
    try {
      await this.db.run("DELETE FROM trials WHERE run_id = $1", [runId]);
      await this.db.run("DELETE FROM summaries WHERE run_id = $1", [runId]);
      if (trials && trials.rows.length > 0) await this.appendTrials(runId, trials);
      if (metrics.length > 0) {
        const appender = await this.db.createAppender("summaries");
        metrics.forEach(([metric, value], ord) => {
          appender.appendVarchar(runId);
          appender.appendInteger(ord);
          appender.appendVarchar(metric);
          if (value === null) appender.appendNull();
          else appender.appendDouble(value);
          appender.endRow();
        });
        appender.flushSync();
        appender.closeSync();
      }
      await this.db.run(
        "UPDATE runs SET status = 'done', error = NULL, finished_at = to_timestamp($2), seconds = $3, started_at = coalesce(to_timestamp($4), started_at) WHERE run_id = $1",
        [runId, at.getTime() / 1000, seconds, startedAt ? startedAt.getTime() / 1000 : null],
      );
      await this.db.run("COMMIT");
    } catch (e) {
      await this.db.run("ROLLBACK").catch(() => {});
      throw e;
    }
  }

  /** The trials table's columns and types, in table order. */
  private async trialColumns(): Promise<{ name: string; type: string }[]> {
    return this.query(
      "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'trials' ORDER BY ordinal_position",
    );
  }

  /**
   * Adds this run's trial columns the table lacks; a column whose values no longer fit its type
   * (text where numbers were) becomes VARCHAR. Then appends the rows in table column order.
   */
  private async appendTrials(runId: string, trials: ReturnType<typeof parseTrials>) {
    let columns = await this.trialColumns();
    for (let j = 0; j < trials.columns.length; j++) {
      const name = trials.columns[j];
      const have = columns.find((c) => c.name === name);
      const hasValues = trials.rows.some((r) => r[j] !== null);
      if (!have)
        await this.db.run(`ALTER TABLE trials ADD COLUMN ${ident(name)} ${trials.types[j]}`);
      else if (hasValues && have.type !== trials.types[j] && have.type !== "VARCHAR")
        await this.db.run(`ALTER TABLE trials ALTER ${ident(name)} TYPE VARCHAR`);
    }
    columns = await this.trialColumns();
    const index = new Map(trials.columns.map((c, j) => [c, j]));
    const appender = await this.db.createAppender("trials");
    trials.rows.forEach((row, r) => {
      for (const col of columns) {
        if (col.name === "run_id" && !index.has("run_id")) appender.appendVarchar(runId);
        else if (col.name === "row" && !index.has("row")) appender.appendInteger(r);
        else {
          const j = index.get(col.name);
          const v = j === undefined ? null : row[j];
          append(appender, sqlValue(v, col.type as ColumnType));
        }
      }
      appender.endRow();
    });
    appender.flushSync();
    appender.closeSync();
  }

  /** Writes `sql`'s rows as Parquet to `path` atomically (a temp file renamed into place). */
  async exportParquet(sql: string, path: string): Promise<void> {
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      await this.db.run(`COPY (${sql}) TO ${literal(tmp)} (FORMAT parquet)`);
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => {});
      throw e;
    }
  }
}

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;

function append(appender: Appender, v: Value): void {
  if (v === null) appender.appendNull();
  else if (typeof v === "number") appender.appendDouble(v);
  else if (typeof v === "boolean") appender.appendBoolean(v);
  else appender.appendVarchar(v);
}
