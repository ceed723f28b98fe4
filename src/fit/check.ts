/**
 * Checks the data against what the paradigm writes before anything is written: one animal per
 * condition is run at the middle of the ranges, and the data's measure must be one of its
 * trials.csv columns and its last block (or trial) must lie within the run's trials.
 */
import { ConfigError } from "../model/errors.js";
import { executeCell } from "../study/execute.js";
import { parseTrials } from "../study/flatten.js";
import { fromUnit } from "../study/ranges.js";
import { type FitPlan, runConfig } from "./plan.js";

export async function checkDataAgainstModel(plan: FitPlan): Promise<void> {
  const { data } = plan;
  const middle = plan.ranges.map((r) => fromUnit(r, 0.5));
  for (const c of plan.conditions) {
    const config = runConfig(plan, c, plan.spec.seeds[0], middle);
    const out = await executeCell({ runId: "check", config });
    if (!out.ok) throw new Error(`the check run of condition ${c.name} failed: ${out.error}`);
    if (!out.result.trialsCsv)
      throw new ConfigError(
        "paradigm",
        `${plan.spec.paradigm} writes no trials.csv, so there is nothing per trial to fit; allowed: a paradigm with trials (eyeblink, fear, …)`,
      );
    const trials = parseTrials(out.result.trialsCsv);
    const j = trials.columns.indexOf(data.measure);
    const numeric = trials.columns.filter(
      (name, k) => trials.types[k] !== "VARCHAR" && !["trial", "trialInPhase"].includes(name),
    );
    if (j < 0 || trials.types[j] === "VARCHAR")
      throw new ConfigError(
        data.file,
        `value column ${JSON.stringify(data.column)} reads trial measure ${JSON.stringify(data.measure)}, which ${plan.spec.paradigm} does not write as a number; allowed: one of ${numeric.join(", ")} (or X_percent for 100 × X)`,
      );
    const points = data.conditions.find((d) => d.name === c.name)?.points ?? [];
    const last = points.at(-1)?.index ?? 0;
    if (last * data.trialsPerPoint > trials.rows.length)
      throw new ConfigError(
        data.file,
        `condition ${c.name}: ${data.unit} ${last} needs ${last * data.trialsPerPoint} trials, the run has ${trials.rows.length}; allowed: ${data.unit}s 1..${Math.floor(trials.rows.length / data.trialsPerPoint)}`,
      );
  }
}
