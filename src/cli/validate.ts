/** `shoulda validate`: run the literature scorecard, print a table, optionally write JSON. */
import { writeFileAtomic } from "../io/atomic.js";
import { ConfigError } from "../model/errors.js";
import { rescorlaWagnerComparison } from "../validation/amygdalaTargets.js";
import { coverage, coverageLine } from "../validation/coverage.js";
import { selectTargets } from "../validation/registry.js";
import { runScorecard } from "../validation/scorecard.js";
import type { TargetResult } from "../validation/types.js";

export interface ValidateOptions {
  only?: string;
  json?: string;
  jobs?: string;
}

function table(results: readonly TargetResult[]): string {
  const head = ["id", "source", "measured", "published", "tolerance", "pass"];
  const rows = results.map((r) => [
    r.id,
    r.source,
    String(r.measured),
    r.published,
    r.tolerance,
    r.pass ? "PASS" : "FAIL",
  ]);
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const widths = [4, 34, 18, 40, 48, 4];
  const line = (cells: string[]) =>
    cells.map((c, i) => clip(c, widths[i]).padEnd(widths[i])).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
}

/** Which measured amygdala phenomena the textbook Rescorla–Wagner model also reproduces. */
function compareWithRescorlaWagner(results: readonly TargetResult[]) {
  const fear = results.filter((r) => r.paradigm === "fear");
  if (!fear.length) return [];
  const rows = rescorlaWagnerComparison(fear).filter((row) =>
    fear.some((r) => row.phenomenon.endsWith(`(${r.id})`)),
  );
  console.log(`\n${"phenomenon".padEnd(58)} amygdala  Rescorla–Wagner`);
  for (const row of rows) {
    const yes = (b: boolean) => (b ? "yes" : "no");
    console.log(
      `${row.phenomenon.padEnd(58)} ${yes(row.amygdala).padEnd(9)} ${yes(row.rescorlaWagner)}`,
    );
  }
  return rows;
}

export async function validateCommand(options: ValidateOptions): Promise<number> {
  const targets = selectTargets(options.only);
  const jobs = options.jobs === undefined ? undefined : Number(options.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    throw new ConfigError("--jobs", `got ${JSON.stringify(options.jobs)}; allowed: an integer ≥ 1`);
  }
  const results = await runScorecard(targets, jobs, (r) => {
    if (process.stderr.isTTY)
      process.stderr.write(`${r.id} ${r.pass ? "pass" : "FAIL"} (${r.seconds.toFixed(1)} s)\n`);
  });
  console.log(table(results));
  const comparison = compareWithRescorlaWagner(results);
  const failed = results.filter((r) => !r.pass);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  const rows = coverage();
  console.log(coverageLine(rows));
  if (options.json) {
    const targetsJson = results.map(({ seconds, ...r }) => ({
      ...r,
      seconds: Number(seconds.toFixed(2)),
    }));
    const json = comparison.length
      ? { targets: targetsJson, coverage: rows, rescorlaWagnerComparison: comparison }
      : { targets: targetsJson, coverage: rows };
    await writeFileAtomic(options.json, `${JSON.stringify(json, null, 2)}\n`);
  }
  return failed.length ? 1 : 0;
}
