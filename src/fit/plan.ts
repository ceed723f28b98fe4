/**
 * A fit's plan: its parameter ranges (the user's, inside the schema's), its conditions (the
 * data's, each with its config values) and how a candidate — one value per parameter — becomes
 * study cells: every condition × every seed, the same seeds for every candidate (common random
 * numbers, so two candidates differ only by their parameters, not by their animals' luck).
 */
import { createHash } from "node:crypto";
import { checkBudget } from "../cli/run.js";
import { ConfigError } from "../model/errors.js";
import { getParadigm } from "../paradigms/registry.js";
import type { RunConfig } from "../paradigms/types.js";
import { apply, type Cell } from "../study/plan.js";
import { boundRange, fromUnit, type ParamRange } from "../study/ranges.js";
import type { DataSet } from "./data.js";
import type { FitSpec } from "./spec.js";

export interface FitCondition {
  name: string;
  values: [string, unknown][];
}

export interface FitPlan {
  spec: FitSpec;
  data: DataSet;
  ranges: ParamRange[];
  conditions: FitCondition[];
  /** What the runs depend on (not the data, ranges or optimiser): the database's identity. */
  key: string;
}

const show = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

/** "k" + 10 hex digits of the candidate's exact values: the stable part of its run ids. */
export function candidateId(values: number[]): string {
  return `k${createHash("sha1").update(JSON.stringify(values)).digest("hex").slice(0, 10)}`;
}

/** The config of one run: defaults, then set, then the condition, then the candidate. */
export function runConfig(
  plan: Pick<FitPlan, "spec" | "ranges">,
  condition: FitCondition,
  seed: number,
  values: number[],
): RunConfig {
  const paradigm = getParadigm(plan.spec.paradigm);
  let config = paradigm.resolve({ paradigm: plan.spec.paradigm, seed });
  for (const [path, v] of plan.spec.set) config = apply(config, "set", path, v);
  for (const [path, v] of condition.values)
    config = apply(config, `conditions.${condition.name}`, path, v);
  plan.ranges.forEach((r, j) => {
    config = apply(config, "params", r.path, values[j]);
  });
  return config;
}

/** Every condition × seed of one candidate. */
export function candidateCells(plan: FitPlan, values: number[]): Cell[] {
  const id = candidateId(values);
  const label = plan.ranges.map((r, j) => `${r.path}=${show(values[j])}`).join(", ");
  return plan.conditions.flatMap((c) =>
    plan.spec.seeds.map((seed) => ({
      runId: `${id}-${c.name}-seed${seed}`,
      condition: { id: c.name, params: [], label: `${id}: ${label}` },
      seed,
      config: runConfig(plan, c, seed, values),
    })),
  );
}

/** The data's conditions matched to the fit file's. */
function matchConditions(spec: FitSpec, data: DataSet): FitCondition[] {
  const names = data.conditions.map((c) => c.name);
  if (!spec.conditions) {
    if (names.length === 1 && names[0] === "all") return [{ name: "all", values: [] }];
    throw new ConfigError(
      "conditions",
      `missing: the data has conditions ${names.join(", ")}; allowed: a conditions entry (name → config values) for each`,
    );
  }
  const given = new Map(spec.conditions);
  for (const n of names)
    if (!given.has(n))
      throw new ConfigError(
        data.file,
        `condition ${JSON.stringify(n)} is not in the fit file's conditions; allowed: ${[...given.keys()].join(", ")}`,
      );
  for (const [n] of spec.conditions)
    if (!names.includes(n))
      throw new ConfigError(
        `conditions.${n}`,
        `has no rows in ${data.file}; allowed: ${names.join(", ")}`,
      );
  return names.map((n) => ({ name: n, values: given.get(n) ?? [] }));
}

/** Plans the fit; every range end is tried on every condition so a bad value fails now. */
export function planFit(
  spec: FitSpec,
  data: DataSet,
  budget: { maxMemory?: string; maxSimHours?: string } = {},
): FitPlan {
  const paradigm = getParadigm(spec.paradigm);
  const ranges = spec.params.map((r) => boundRange(r, paradigm.schema, `params.${r.path}`));
  const conditions = matchConditions(spec, data);
  const plan = {
    spec,
    data,
    ranges,
    conditions,
    key: JSON.stringify({
      fit: spec.paradigm,
      seeds: spec.seeds,
      set: spec.set,
      conditions: conditions.map((c) => [c.name, c.values]),
    }),
  };
  for (const c of conditions)
    for (const u of [0, 1])
      checkBudget(
        runConfig(
          plan,
          c,
          spec.seeds[0],
          ranges.map((r) => fromUnit(r, u)),
        ),
        { set: [], ...budget },
      );
  return plan;
}
