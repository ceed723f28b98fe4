/**
 * The run budget: a run whose estimate (paradigms/estimate.ts) exceeds its memory or simulated
 * time limit is refused before it starts, naming the limit to raise. `shoulda run` (--max-memory,
 * --max-sim-hours), studies and runParadigm() (maxMemoryMiB, maxSimHours) share these defaults.
 */
import { ConfigError } from "../model/errors.js";
import { estimateRun, type RunEstimate } from "./estimate.js";
import type { RunConfig } from "./types.js";

export const DEFAULT_MAX_MEMORY_MIB = 4096;
export const DEFAULT_MAX_SIM_HOURS = 24;

export interface BudgetLimits {
  maxMemoryMiB: number;
  maxSimHours: number;
}

/** The names the caller knows the two limits by (CLI options or option keys). */
export interface BudgetFields {
  memory: string;
  hours: string;
}

export function checkRunBudget(
  config: RunConfig,
  limits: BudgetLimits,
  fields: BudgetFields,
): RunEstimate {
  const estimate = estimateRun(config);
  // Time first: a long run's traces also cost memory, and its length is the cause to name.
  const hours = estimate.simulatedMs / 3_600_000;
  if (hours > limits.maxSimHours) {
    throw new ConfigError(
      fields.hours,
      `the run simulates an estimated ${hours.toPrecision(3)} h; allowed: ≤ ${limits.maxSimHours} h (shorten the experiment, or raise ${fields.hours})`,
    );
  }
  const mib = (bytes: number) => Math.ceil(bytes / 2 ** 20);
  if (estimate.bytes / 2 ** 20 > limits.maxMemoryMiB) {
    const m = [...estimate.modules].sort((a, b) => b.bytes - a.bytes)[0];
    const where = m
      ? ` (mostly ${m.path}: ${mib(m.weightBytes)} MiB of weights for ${m.path}.granule.count ${m.granule} × ${m.path}.purkinje.count ${m.purkinje}, ${mib(m.traceBytes)} MiB of traces)`
      : "";
    throw new ConfigError(
      fields.memory,
      `the run needs an estimated ${mib(estimate.bytes)} MiB${where}; allowed: ≤ ${limits.maxMemoryMiB} MiB (make the model smaller, or raise ${fields.memory})`,
    );
  }
  return estimate;
}
