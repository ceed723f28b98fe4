/**
 * A trial as per-step input streams: context channel values (cues and the phase's context) and
 * the US. Cues and USs are boxcars at their onsets; a probe trial delivers no US.
 */
import type { TrialType } from "../protocol/types.js";

export interface TrialStimulus {
  steps: number;
  /** steps × channels, row-major. */
  context: Float32Array;
  /** US magnitude per step (0 when absent or on probe trials). */
  us: Float32Array;
}

export function contextChannelName(context: string): string {
  return `context-${context}`;
}

export function buildTrialStimulus(
  trial: TrialType,
  channelIndex: ReadonlyMap<string, number>,
  dtMs: number,
  context?: string,
): TrialStimulus {
  const channels = channelIndex.size;
  const steps = Math.max(1, Math.round(trial.durationMs / dtMs));
  const contextValues = new Float32Array(steps * channels);
  const us = new Float32Array(steps);
  const box = (onsetMs: number, durationMs: number): [number, number] => {
    const start = Math.round(onsetMs / dtMs);
    return [start, Math.min(steps, start + Math.max(1, Math.round(durationMs / dtMs)))];
  };
  for (const cue of trial.cues) {
    const c = channelIndex.get(cue.channel);
    if (c === undefined) continue;
    const [from, to] = box(cue.onsetMs, cue.durationMs);
    for (let t = from; t < to; t++)
      contextValues[t * channels + c] = Math.max(contextValues[t * channels + c], cue.magnitude);
  }
  if (context !== undefined) {
    const c = channelIndex.get(contextChannelName(context));
    if (c !== undefined) for (let t = 0; t < steps; t++) contextValues[t * channels + c] = 1;
  }
  if (!trial.probe) {
    for (const u of trial.us) {
      const [from, to] = box(u.onsetMs, u.durationMs);
      for (let t = from; t < to; t++) us[t] = Math.max(us[t], u.magnitude);
    }
  }
  return { steps, context: contextValues, us };
}
