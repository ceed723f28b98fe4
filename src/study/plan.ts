/**
 * A study's plan: its conditions (every combination of the sweep) and cells (condition × seed),
 * each with its fully resolved run config. Everything is resolved here, before anything runs, so
 * a bad path or value fails up front naming the study field.
 */
import { checkBudget } from "../cli/run.js";
import { ConfigError } from "../model/errors.js";
import { setPath } from "../model/paths.js";
import { showValue } from "../model/validate.js";
import { getParadigm } from "../paradigms/registry.js";
import type { RunConfig } from "../paradigms/types.js";
import { checkForbiddenKeys } from "../protocol/load.js";
import { samplePoints } from "./samples.js";
import { MAX_CELLS, type StudySpec } from "./spec.js";

export interface Condition {
  /** "c1", "c2", … in grid order (the last sweep path varies fastest). */
  id: string;
  /** The swept values, path → value. */
  params: [string, unknown][];
  /** "experiment=60 T+(isi=250), model.granule.count=2000" ("all" with no sweep). */
  label: string;
}

export interface Cell {
  /** "<condition>-seed<seed>": the key that makes a resumed study skip finished runs. */
  runId: string;
  condition: Condition;
  seed: number;
  config: RunConfig;
}

export interface StudyPlan {
  spec: StudySpec;
  conditions: Condition[];
  cells: Cell[];
}

/** Every combination of the sweep's values, the first path varying slowest. */
export function grid(sweep: [string, unknown[]][]): [string, unknown][][] {
  let combos: [string, unknown][][] = [[]];
  for (const [path, values] of sweep)
    combos = combos.flatMap((c) => values.map((v) => [...c, [path, v] as [string, unknown]]));
  return combos;
}

/** Sampled numbers are shown to 6 significant digits (the config keeps the full value). */
const show = (v: unknown) =>
  typeof v === "string"
    ? v
    : typeof v === "number" && !Number.isInteger(v)
      ? String(Number(v.toPrecision(6)))
      : JSON.stringify(v);

/** A design string as `experiment` is that design; anything else goes in as given. */
function configValue(path: string, value: unknown): unknown {
  return path === "experiment" && typeof value === "string" ? { design: value } : value;
}

/** Applies one study path, naming the study field (sweep.x / set.x) when path or value is bad. */
export function apply(config: RunConfig, root: string, path: string, value: unknown): RunConfig {
  const field = `${root}.${path}`;
  checkForbiddenKeys(value, field);
  const paradigm = getParadigm(config.paradigm);
  let next: RunConfig;
  try {
    next = setPath(config, path, configValue(path, value));
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(field, e.detail);
    throw e;
  }
  try {
    return paradigm.resolve(next as Record<string, unknown>);
  } catch (e) {
    if (e instanceof ConfigError)
      throw new ConfigError(field, `value ${showValue(value)} is not valid: ${e.message}`);
    throw e;
  }
}

/** Plans `spec`; `budget` carries --max-memory / --max-sim-hours (defaults otherwise). */
export function planStudy(
  spec: StudySpec,
  budget: { maxMemory?: string; maxSimHours?: string } = {},
): StudyPlan {
  const paradigm = getParadigm(spec.paradigm);
  // The grid, each combination crossed with every sample point (the sample varies fastest).
  const points = spec.samples ? samplePoints(spec.samples, paradigm.schema) : [[]];
  const combos = grid(spec.sweep).flatMap((c) =>
    points.map((p) => [...c, ...(p as [string, unknown][])]),
  );
  if (combos.length * spec.seeds.length > MAX_CELLS)
    throw new ConfigError(
      "sweep",
      `${combos.length} conditions × ${spec.seeds.length} seeds is more than ${MAX_CELLS} runs; allowed: ≤ ${MAX_CELLS}`,
    );
  const conditions = combos.map((params, i) => ({
    id: `c${i + 1}`,
    params,
    label: params.length ? params.map(([p, v]) => `${p}=${show(v)}`).join(", ") : "all",
  }));
  // Resolve each condition once at the first seed (paths and values), then per seed.
  const base = (seed: number) => {
    let config = paradigm.resolve({ ...spec.base, paradigm: spec.paradigm, seed });
    for (const [path, value] of spec.set) config = apply(config, "set", path, value);
    return config;
  };
  const cells: Cell[] = [];
  for (const condition of conditions) {
    for (const seed of spec.seeds) {
      let config = base(seed);
      for (const [path, value] of condition.params) config = apply(config, "sweep", path, value);
      checkBudget(config, { set: [], ...budget });
      cells.push({ runId: `${condition.id}-seed${seed}`, condition, seed, config });
    }
  }
  return { spec, conditions, cells };
}
