/**
 * One generic checkpoint mechanism for every paradigm: a run declared as units (trials, blocks,
 * experiments) over one state object. The engine runs the units, saves a snapshot of the whole
 * state (paradigms/snapshot.ts) every `hooks.checkpoint.every` units, and, given a saved one,
 * restores it into a freshly started state and runs the units left. Because a unit only reads
 * and writes that state, a resumed run ends in the same state, and so writes the same files, as
 * one that never stopped.
 */
import { fnv1a64 } from "../brain/stateCheck.js";
import { ConfigError } from "../model/errors.js";
import { isPlainObject } from "../model/merge.js";
import { showValue } from "../model/validate.js";
import { restoreState, snapshotState } from "./snapshot.js";
import type { RunConfig, RunHooks, RunOutput } from "./types.js";

export interface UnitRun<C extends RunConfig, St extends object, S extends object> {
  /** The run's whole mutable state, before the first unit (the same for the same config). */
  start(config: C): St;
  /** How many units the run has. */
  count(state: St, config: C): number;
  /**
   * Runs unit `index` (0-based) on `state`. It must read and write nothing else that lasts, and
   * re-set whatever `start()` builds as behaviour (functions, stimulus objects) that it needs.
   */
  step(state: St, index: number, config: C, hooks: RunHooks): void;
  /** Tables, plots and summary from the state after the last unit. */
  finish(state: St, config: C, started: number, hooks: RunHooks): Promise<RunOutput<S>>;
}

/** What a checkpoint of a unit run holds (JSON). */
export interface UnitCheckpoint {
  format: "shoulda-units";
  /** 2 since wiring built from the seed is saved as a hash only (snapshot.ts). */
  version: typeof CHECKPOINT_VERSION;
  paradigm: string;
  /** FNV-1a 64 of the resolved config's JSON: a state of another config is refused. */
  configHash: string;
  unitsDone: number;
  state: unknown;
}

/** Bumped when a checkpoint's layout changes; an older file is refused, naming its version. */
export const CHECKPOINT_VERSION = 2;

export const configHash = (config: RunConfig) => fnv1a64(JSON.stringify(config));

/** The state a checkpoint holds, restored into `fresh`; returns the units already done. */
function resume<C extends RunConfig>(
  fresh: object,
  config: C,
  saved: unknown,
  total: number,
): number {
  const field = "checkpoint.state";
  if (!isPlainObject(saved) || saved.format !== "shoulda-units")
    throw new ConfigError(
      `${field}.format`,
      `got ${showValue(isPlainObject(saved) ? saved.format : saved)}; allowed: "shoulda-units" version ${CHECKPOINT_VERSION}`,
    );
  if (saved.version !== CHECKPOINT_VERSION)
    throw new ConfigError(
      `${field}.version`,
      `got ${showValue(saved.version)}; allowed: ${CHECKPOINT_VERSION} (a checkpoint of another shoulda version: rerun from the start)`,
    );
  if (saved.paradigm !== config.paradigm)
    throw new ConfigError(
      `${field}.paradigm`,
      `got ${showValue(saved.paradigm)}; allowed: ${JSON.stringify(config.paradigm)} (the run being resumed)`,
    );
  if (saved.configHash !== configHash(config))
    throw new ConfigError(
      `${field}.configHash`,
      `got ${showValue(saved.configHash)}; allowed: ${configHash(config)} (the hash of this run's config): the checkpoint is of another config`,
    );
  const done = saved.unitsDone;
  if (typeof done !== "number" || !Number.isInteger(done) || done < 0 || done > total)
    throw new ConfigError(
      `${field}.unitsDone`,
      `got ${showValue(done)}; allowed: an integer 0..${total}`,
    );
  restoreState(fresh, saved.state, `${field}.state`);
  return done;
}

/** Runs a unit run with the hooks' progress and checkpoints: a paradigm's `run()`. */
export async function runUnits<C extends RunConfig, St extends object, S extends object>(
  spec: UnitRun<C, St, S>,
  config: C,
  hooks: RunHooks = {},
): Promise<RunOutput<S>> {
  const started = Date.now();
  const state = spec.start(config);
  const total = spec.count(state, config);
  const { checkpoint } = hooks;
  const from =
    checkpoint?.resumeFrom === undefined ? 0 : resume(state, config, checkpoint.resumeFrom, total);
  for (let i = from; i < total; i++) {
    spec.step(state, i, config, hooks);
    const done = i + 1;
    hooks.onProgress?.(done, total);
    if (checkpoint && done % checkpoint.every === 0 && done < total) {
      const saved: UnitCheckpoint = {
        format: "shoulda-units",
        version: CHECKPOINT_VERSION,
        paradigm: config.paradigm,
        configHash: configHash(config),
        unitsDone: done,
        state: snapshotState(state),
      };
      checkpoint.save(saved, done);
    }
  }
  return spec.finish(state, config, started, hooks);
}

/** Types a unit run, inferring its summary type: `defineUnitRun<VorConfig, VorState>()({ … })`. */
export function defineUnitRun<C extends RunConfig, St extends object>() {
  return <S extends object>(spec: UnitRun<C, St, S>): UnitRun<C, St, S> => spec;
}
