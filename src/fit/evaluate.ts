/**
 * Evaluates fit candidates on the study machinery: a candidate's cells go into the study
 * database as runs (pending → running → done, each finished run in one transaction); runs
 * already done — by this fit, or by a killed one being resumed — are not run again. The loss is
 * always computed from the stored trials, so a resumed fit sees exactly the numbers the
 * uninterrupted one did and the optimiser retraces its steps.
 */
import type { CellPool } from "../study/cellPool.js";
import { ident, literal, type StudyDb } from "../study/db.js";
import { type CurvePoint, meanSquaredError, modelCurves, type TrialValue } from "./curves.js";
import { candidateCells, candidateId, type FitPlan } from "./plan.js";

export interface Evaluation {
  candidateId: string;
  values: number[];
  loss: number;
  curves: CurvePoint[];
  /** Runs this evaluation ran (0 when all were in the database). */
  ran: number;
}

/** Serialised database access (one connection, one transaction at a time). */
export type Serial = <T>(fn: () => Promise<T>) => Promise<T>;

export class RunFailedError extends Error {}

export class FitEvaluator {
  private readonly cache = new Map<string, Promise<Evaluation>>();

  constructor(
    private readonly db: StudyDb,
    private readonly pool: CellPool,
    private readonly plan: FitPlan,
    private readonly inOrder: Serial,
    private readonly onRun?: () => void,
  ) {}

  /** The same candidate asked twice (two restarts meeting) is evaluated once. */
  evaluate(values: number[]): Promise<Evaluation> {
    const id = candidateId(values);
    let e = this.cache.get(id);
    if (!e) {
      e = this.compute(id, values);
      this.cache.set(id, e);
    }
    return e;
  }

  private async compute(id: string, values: number[]): Promise<Evaluation> {
    const cells = candidateCells(this.plan, values);
    const ids = cells.map((c) => literal(c.runId)).join(", ");
    const status = await this.inOrder(async () => {
      await this.db.addCells(cells);
      const rows = await this.db.query<{ run_id: string; status: string }>(
        `SELECT run_id, status FROM runs WHERE run_id IN (${ids})`,
      );
      return new Map(rows.map((r) => [r.run_id, r.status]));
    });
    const todo = cells.filter((c) => status.get(c.runId) !== "done");
    const failures: string[] = [];
    await Promise.all(
      todo.map(async (cell) => {
        const started = Date.now();
        await this.inOrder(() => this.db.markRunning(cell.runId, new Date(started)));
        const outcome = await this.pool.run({ runId: cell.runId, config: cell.config });
        const now = new Date();
        const seconds = (now.getTime() - started) / 1000;
        await this.inOrder(() =>
          outcome.ok
            ? this.db.recordRun(cell.runId, outcome.result, now, seconds)
            : this.db.markFailed(cell.runId, outcome.error, now, seconds),
        );
        if (!outcome.ok) failures.push(`run ${cell.runId} failed: ${outcome.error}`);
        this.onRun?.();
      }),
    );
    if (failures.length > 0) throw new RunFailedError(failures.join("\n"));
    const measure = ident(this.plan.data.measure);
    const rows = await this.inOrder(() =>
      this.db.query<{ condition: string; seed: bigint; row: number; value: number | null }>(
        `SELECT r.condition_id AS condition, r.seed, t.row, t.${measure}::DOUBLE AS value
         FROM trials t JOIN runs r USING (run_id) WHERE r.run_id IN (${ids})`,
      ),
    );
    const trials: TrialValue[] = rows.map((r) => ({ ...r, seed: Number(r.seed) }));
    const curves = modelCurves(trials, this.plan.data);
    const loss = meanSquaredError(curves);
    await this.inOrder(() =>
      this.db.exec("INSERT OR REPLACE INTO fit_candidates VALUES ($1, $2, $3)", [
        id,
        JSON.stringify(Object.fromEntries(this.plan.ranges.map((r, j) => [r.path, values[j]]))),
        Number.isFinite(loss) ? loss : null,
      ]),
    );
    return { candidateId: id, values, loss, curves, ran: todo.length };
  }
}
