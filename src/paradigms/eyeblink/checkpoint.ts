/**
 * The eyeblink trial loop with its optional probes and checkpoints. A checkpoint is the
 * conditioning run's state (simulate.ts: module, delay lines, trial cursor) plus the trial
 * records so far (eyelid and pause per step: the analysis at the end needs every trial), so a
 * resumed run ends with the same records, and the same files, as one that never stopped.
 */
import { BASE64, bytesOfBase64, toBase64 } from "../../model/base64.js";
import { ConfigError } from "../../model/errors.js";
import { showValue } from "../../model/validate.js";
import type { RunHooks } from "../types.js";
import type { EyeblinkConfig } from "./index.js";
import { ConditioningRun, type ConditioningState, type TrialRecord } from "./simulate.js";

export interface EyeblinkCheckpoint {
  run: ConditioningState;
  /** Per trial done: eyelid and pause (Float32, base64). */
  records: { eyelid: string; pause: string }[];
}

function fromB64(text: unknown, field: string): Float32Array {
  if (typeof text !== "string" || !BASE64.test(text) || text.length % 4 !== 0)
    throw new ConfigError(field, `got ${showValue(text)}; allowed: a base64 string of float32s`);
  const bytes = bytesOfBase64(text);
  if (bytes.length % 4 !== 0)
    throw new ConfigError(field, `has ${bytes.length} bytes; allowed: a multiple of 4 (float32s)`);
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  for (let i = 0; i < out.length; i++)
    if (!Number.isFinite(out[i]))
      throw new ConfigError(`${field}[${i}]`, `got ${out[i]}; allowed: a finite number`);
  return out;
}

/** A fresh run, or the run a checkpoint holds (validated: errors name `checkpoint.state.…`). */
export function startRun(
  config: EyeblinkConfig,
  resumeFrom: unknown,
): { sim: ConditioningRun; records: TrialRecord[] } {
  if (resumeFrom === undefined) return { sim: new ConditioningRun(config), records: [] };
  const field = "checkpoint.state";
  const state = (resumeFrom ?? {}) as Partial<EyeblinkCheckpoint>;
  const sim = ConditioningRun.resume(config, state.run, `${field}.run`);
  const saved = state.records;
  if (!Array.isArray(saved) || saved.length !== sim.trialsDone)
    throw new ConfigError(
      `${field}.records`,
      `got ${showValue(saved)}; allowed: one record per trial done (${sim.trialsDone})`,
    );
  const records = saved.map((r, i) => {
    const eyelid = fromB64(r?.eyelid, `${field}.records[${i}].eyelid`);
    const pause = fromB64(r?.pause, `${field}.records[${i}].pause`);
    if (pause.length !== eyelid.length)
      throw new ConfigError(
        `${field}.records[${i}].pause`,
        `has ${pause.length} steps; allowed: ${eyelid.length}, as the eyelid trace`,
      );
    return { trial: sim.schedule[i], eyelid, pause };
  });
  return { sim, records };
}

/** Runs the remaining trials into `records`, feeding the probes and saving checkpoints. */
export function runTrials(sim: ConditioningRun, records: TrialRecord[], hooks: RunHooks): void {
  const { recorder, checkpoint } = hooks;
  const total = sim.schedule.length;
  if (recorder && sim.trialsDone === 0) recorder.weights(sim.brain, 0);
  const trialHooks = recorder
    ? {
        beforeTrial: (trial: TrialRecord["trial"], brain: ConditioningRun["brain"]) =>
          recorder.beginTrial(trial, brain.time),
        onStep: (_: number, brain: ConditioningRun["brain"]) => recorder.step(brain),
      }
    : {};
  for (let record = sim.nextTrial(trialHooks); record; record = sim.nextTrial(trialHooks)) {
    records.push(record);
    const done = sim.trialsDone;
    if (recorder) {
      recorder.endTrial(record.eyelid);
      recorder.weights(sim.brain, done);
    }
    hooks.onProgress?.(done, total);
    if (checkpoint && done % checkpoint.every === 0 && done < total) {
      const state: EyeblinkCheckpoint = {
        run: sim.save(),
        records: records.map((r) => ({ eyelid: toBase64(r.eyelid), pause: toBase64(r.pause) })),
      };
      checkpoint.save(state, done);
    }
  }
}
