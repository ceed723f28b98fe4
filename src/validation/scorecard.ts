/**
 * The literature scorecard: measure every target in `animals` animals (seeds 1 … n) on its
 * standard protocol and on each protocol variant, then decide its claims across animals
 * (statistics.ts). Units of work (target × protocol × animal) are spread over worker threads;
 * the decisions are made here, in seed order, so the result does not depend on the schedule.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { mean } from "../analysis/stats.js";
import { overrideDefaultBackend } from "../kernels/index.js";
import { type EyeblinkOverride, overrideEyeblink } from "../paradigms/eyeblink/index.js";
import { decideClaims } from "./statistics.js";
import type {
  ClaimResult,
  Measurement,
  ProtocolResult,
  Target,
  TargetResult,
  Verdict,
} from "./types.js";

export const STANDARD = "standard";

/** One animal of one target on one protocol. */
export interface Unit {
  id: string;
  protocol: string;
  seed: number;
  /** Kernel backend every paradigm run of the unit defaults to (absent: the paradigms' own). */
  backend?: string;
  /** Settings over every eyeblink run's defaults (validate --eyeblink-set; absent: none). */
  eyeblinkOverride?: EyeblinkOverride;
}

export interface UnitResult {
  measurement: Measurement;
  seconds: number;
}

/**
 * Measure one unit. A protocol the target does not name is refused here, once for every
 * paradigm, so a target's `measure` only has to tell its own variant from the standard protocol.
 */
export async function measureUnit(target: Target, unit: Unit): Promise<UnitResult> {
  if (unit.protocol !== STANDARD && !target.variants?.some((v) => v.name === unit.protocol))
    throw new Error(
      `${target.id}: unknown protocol "${unit.protocol}"; allowed: ${[STANDARD, ...(target.variants ?? []).map((v) => v.name)].join(", ")}`,
    );
  const started = performance.now();
  const context =
    unit.protocol === STANDARD ? { seed: unit.seed } : { seed: unit.seed, variant: unit.protocol };
  let measurement: Measurement;
  // One backend per scorecard run, so setting it for the whole thread is safe.
  overrideDefaultBackend(unit.backend ?? null);
  overrideEyeblink(unit.eyeblinkOverride ?? null);
  try {
    measurement = await target.measure(context);
  } catch (err) {
    measurement = {
      measured: "error",
      checks: [{ claim: "runs without error", kind: "ord", effect: 0 }],
      detail: { error: err instanceof Error ? (err.stack ?? err.message) : String(err) },
    };
  }
  return { measurement, seconds: (performance.now() - started) / 1000 };
}

export interface ScorecardOptions {
  /** Animals per target and protocol (a deterministic target runs one). */
  animals?: number;
  /** Worker threads (1: this thread). */
  jobs?: number;
  /** Skip the protocol variants (standard protocol only). */
  standardOnly?: boolean;
  /** Run every target on this kernel backend (e.g. the integer tier, wasm-int). */
  backend?: string;
  /** Settings laid over every eyeblink run's defaults (e.g. { model: { olive: { usDrive: "sustained" } } }). */
  eyeblinkOverride?: EyeblinkOverride;
  onResult?: (r: TargetResult) => void;
}

export function unitsOf(target: Target, animals: number, standardOnly = false): Unit[] {
  const protocols = [STANDARD, ...(standardOnly ? [] : (target.variants ?? []).map((v) => v.name))];
  const n = target.deterministic ? 1 : animals;
  return protocols.flatMap((protocol) =>
    Array.from({ length: n }, (_, k) => ({ id: target.id, protocol, seed: k + 1 })),
  );
}

type UnitOutcome = { unit: Unit; result: UnitResult };

/** Decide one protocol from its own units (in seed order). */
function protocolResult(
  target: Target,
  protocol: string,
  mine: readonly UnitOutcome[],
): ProtocolResult {
  const claims = decideClaims(mine.map((r) => r.result.measurement.checks));
  const description = target.variants?.find((v) => v.name === protocol)?.description;
  return {
    protocol,
    ...(description ? { description } : {}),
    animals: mine.length,
    claims,
    pass: claims.length > 0 && claims.every((c) => c.pass),
    perAnimal: mine.map(({ unit, result }) => ({
      seed: unit.seed,
      measured: result.measurement.measured,
      detail: result.measurement.detail,
    })),
  };
}

/**
 * The claim a one-line summary shows: the first that fails, else the tested claim with the
 * weakest evidence (largest p), else the first.
 */
export function decisiveClaim(claims: readonly ClaimResult[]): ClaimResult | undefined {
  const failing = claims.find((c) => !c.pass);
  if (failing) return failing;
  const tested = claims.filter((c) => c.p !== undefined);
  return tested.length ? tested.reduce((a, b) => ((b.p ?? 0) > (a.p ?? 0) ? b : a)) : claims[0];
}

/** Decide one target from its units' results (any order). */
export function decideTarget(target: Target, results: readonly UnitOutcome[]): TargetResult {
  const byProtocol = new Map<string, UnitOutcome[]>();
  for (const r of [...results].sort((a, b) => a.unit.seed - b.unit.seed)) {
    const list = byProtocol.get(r.unit.protocol) ?? [];
    list.push(r);
    byProtocol.set(r.unit.protocol, list);
  }
  const standardUnits = byProtocol.get(STANDARD) ?? [];
  const standard = protocolResult(target, STANDARD, standardUnits);
  const variants = [...byProtocol]
    .filter(([protocol]) => protocol !== STANDARD)
    .map(([protocol, units]) => protocolResult(target, protocol, units));
  const verdict: Verdict = !standard.pass
    ? "miss"
    : variants.every((v) => v.pass)
      ? "pass"
      : "fragile";
  const headlines = standard.perAnimal.map((a) => a.measured);
  const measured = headlines.every((h) => typeof h === "number")
    ? Number(mean(headlines as number[]).toPrecision(4))
    : headlines[0];
  const decisive = decisiveClaim(standard.claims);
  const { measure: _measure, variants: _variants, deterministic: _d, ...info } = target;
  const referenceName = standardUnits[0]?.result.measurement.reference?.name;
  return {
    ...info,
    animals: standard.animals,
    verdict,
    pass: standard.pass,
    measured,
    effect: {
      claim: decisive?.claim ?? "",
      mean: decisive?.mean ?? Number.NaN,
      ci: decisive?.ci ?? [Number.NaN, Number.NaN],
    },
    ...(decisive?.p !== undefined ? { test: decisive.test, p: decisive.p } : {}),
    claims: standard.claims,
    variants,
    ...(referenceName ? { reference: referenceResult(referenceName, standardUnits) } : {}),
    detail: standard.perAnimal[0]?.detail ?? {},
    seconds: results.reduce((s, r) => s + r.result.seconds, 0),
  };
}

/** The reference model's claims (e.g. Rescorla–Wagner) over the same animals, decided the same way. */
function referenceResult(name: string, units: readonly UnitOutcome[]) {
  const claims = decideClaims(units.map((r) => r.result.measurement.reference?.checks ?? []));
  return { name, claims, pass: claims.every((c) => c.pass) };
}

/** Run units on `jobs` worker threads (or in this thread), in the order given. */
async function runUnits(
  units: readonly Unit[],
  jobs: number,
  local: (unit: Unit) => Promise<UnitResult>,
  onUnit: (unit: Unit, result: UnitResult) => void,
): Promise<void> {
  if (jobs <= 1) {
    for (const unit of units) onUnit(unit, await local(unit));
    return;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, units.length)) }, async () => {
      const worker = new Worker(new URL("./worker.js", import.meta.url));
      try {
        while (next < units.length) {
          const unit = units[next++];
          const result = await new Promise<UnitResult>((resolve, reject) => {
            const done = (r: UnitResult) => {
              worker.off("error", fail);
              resolve(r);
            };
            const fail = (err: Error) => {
              worker.off("message", done);
              reject(err);
            };
            worker.once("message", done);
            worker.once("error", fail);
            worker.postMessage(unit);
          });
          onUnit(unit, result);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
}

/** Measure and decide `targets`; results come back in the targets' order. */
export async function runScorecard(
  targets: readonly Target[],
  options: ScorecardOptions = {},
): Promise<TargetResult[]> {
  const animals = options.animals ?? 8;
  const jobs = options.jobs ?? availableParallelism();
  const byId = new Map(targets.map((t) => [t.id, t]));
  if (options.backend !== undefined) overrideDefaultBackend(options.backend);
  const { backend, eyeblinkOverride } = options;
  const perTarget = targets.map((t) =>
    unitsOf(t, animals, options.standardOnly).map((u) => ({
      ...u,
      ...(backend === undefined ? {} : { backend }),
      ...(eyeblinkOverride === undefined ? {} : { eyeblinkOverride }),
    })),
  );
  const units = perTarget.flat();
  const pending = new Map(targets.map((t, i) => [t.id, perTarget[i].length]));
  const collected = new Map<string, UnitOutcome[]>();
  const decided = new Map<string, TargetResult>();
  await runUnits(
    units,
    jobs,
    (unit) => measureUnit(byId.get(unit.id) as Target, unit),
    (unit, result) => {
      const list = collected.get(unit.id) ?? [];
      list.push({ unit, result });
      collected.set(unit.id, list);
      const left = (pending.get(unit.id) ?? 1) - 1;
      pending.set(unit.id, left);
      if (left === 0) {
        const r = decideTarget(byId.get(unit.id) as Target, list);
        decided.set(unit.id, r);
        options.onResult?.(r);
      }
    },
  );
  return targets.map((t) => decided.get(t.id) as TargetResult);
}
