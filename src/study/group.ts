/**
 * Group statistics of a study, computed in DuckDB over the finished runs: per condition, the
 * mean, SEM and n across animals of each summary metric, and of each per-trial measure in
 * blocks of `blockTrials` trials (each animal's block mean first, then across animals).
 */
import { ident, literal, type StudyDb } from "./db.js";

export interface GroupMetric {
  condition_id: string;
  condition: string;
  metric: string;
  n: number;
  mean: number | null;
  sem: number | null;
}

export interface GroupCurvePoint {
  condition_id: string;
  condition: string;
  measure: string;
  block: number;
  n: number;
  mean: number | null;
  sem: number | null;
}

export interface AnimalCurvePoint {
  condition_id: string;
  seed: number;
  block: number;
  value: number | null;
}

/**
 * SEM across animals; NULL for one animal, and NULL where a value is beyond ±1e150 (a run that
 * diverged): DuckDB's stddev_samp throws on overflow of the squares, which would stop the whole
 * group summary. The FILTER keeps every row of ordinary data, so their SEM is unchanged.
 */
const SEM = (x: string) =>
  `CASE WHEN count(${x}) > 1 AND max(abs(${x})) < 1e150 THEN stddev_samp(${x}) FILTER (WHERE abs(${x}) < 1e150) / sqrt(count(${x})) END`;

export const GROUP_SUMMARY_SQL = `
  SELECT r.condition_id, any_value(r.condition) AS condition, s.metric,
         count(s.value)::INTEGER AS n, avg(s.value) AS mean, ${SEM("s.value")} AS sem
  FROM summaries s JOIN runs r USING (run_id)
  WHERE r.status = 'done'
  GROUP BY r.condition_id, s.metric
  ORDER BY min(r.rowid), min(s.ord)`;

/** Trial columns that count trials rather than measure them. */
const INDEX_COLUMNS = new Set(["run_id", "row", "trial", "trialInPhase", "index", "indexInPhase"]);

/** Trial columns that can be averaged (numbers and true/false), not the row index. */
export async function curveMeasures(db: StudyDb): Promise<string[]> {
  const cols = await db.query<{ name: string; type: string }>(
    "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'trials' ORDER BY ordinal_position",
  );
  return cols
    .filter((c) => !INDEX_COLUMNS.has(c.name))
    .filter((c) => ["DOUBLE", "BOOLEAN", "INTEGER", "BIGINT"].includes(c.type))
    .map((c) => c.name);
}

/** Each animal's block means of one measure (booleans as the fraction true). */
function perAnimalSql(measure: string, blockTrials: number): string {
  return `
    SELECT r.condition_id, any_value(r.condition) AS condition, r.seed::BIGINT AS seed,
           (t.row // ${blockTrials} + 1)::INTEGER AS block, avg(t.${ident(measure)}::DOUBLE) AS value,
           min(r.rowid) AS cond_order
    FROM trials t JOIN runs r USING (run_id)
    WHERE r.status = 'done'
    GROUP BY r.condition_id, r.seed, block`;
}

export function groupCurvesSql(measures: string[], blockTrials: number): string {
  if (measures.length === 0)
    return "SELECT NULL::VARCHAR AS condition_id, NULL::VARCHAR AS condition, NULL::VARCHAR AS measure, NULL::INTEGER AS block, NULL::INTEGER AS n, NULL::DOUBLE AS mean, NULL::DOUBLE AS sem WHERE false";
  const parts = measures.map(
    (m, k) => `
    SELECT condition_id, any_value(condition) AS condition, ${literal(m)} AS measure, block,
           count(value)::INTEGER AS n, avg(value) AS mean, ${SEM("value")} AS sem,
           min(cond_order) AS cond_order, ${k} AS measure_order
    FROM (${perAnimalSql(m, blockTrials)}) GROUP BY condition_id, block`,
  );
  return `SELECT condition_id, condition, measure, block, n, mean, sem FROM (${parts.join(" UNION ALL ")}) ORDER BY measure_order, cond_order, block`;
}

export async function groupSummary(db: StudyDb): Promise<GroupMetric[]> {
  return db.query<GroupMetric>(GROUP_SUMMARY_SQL);
}

export async function groupCurves(
  db: StudyDb,
  measures: string[],
  blockTrials: number,
): Promise<GroupCurvePoint[]> {
  return db.query<GroupCurvePoint>(groupCurvesSql(measures, blockTrials));
}

export async function animalCurves(
  db: StudyDb,
  measure: string,
  blockTrials: number,
): Promise<AnimalCurvePoint[]> {
  return (
    await db.query<AnimalCurvePoint & { seed: bigint | number }>(
      `SELECT condition_id, seed, block, value FROM (${perAnimalSql(measure, blockTrials)}) ORDER BY cond_order, seed, block`,
    )
  ).map((r) => ({ ...r, seed: Number(r.seed) }));
}
