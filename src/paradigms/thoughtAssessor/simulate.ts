/**
 * One animal through the thought-assessor trials, in one of three conditions on the same
 * schedule and the same wiring:
 *
 *   context  the amygdala and the cerebellum read the cues and the cortex's thought channels
 *   frozen   the same, but the cortex's representation never learns (a first-order code)
 *   raw      they read the cues only (the thought channels are silent): the ablation
 *
 * Each 5-ms step (the cerebellum's dt), in this order: cues at t → the cortex observes them (it
 * steps at changes) → steering senses the puff and shock → cerebellum [cues, thought] taught by
 * the blink signal → the amygdala's inputs accumulate; every amygdala dt it steps on their mean,
 * taught by the largest threat and arousal of its step → steering acts on fear and the eyelid
 * (freezing, blink). The assessments are fear (amygdala) and the conditioned eyelid [z]₊
 * (cerebellum); freezing is steering's response to fear.
 */
import { Amygdala } from "../../brain/amygdala.js";
import { Cerebellum } from "../../brain/cerebellum.js";
import { EventCortex } from "../../brain/eventCortex.js";
import { Steering } from "../../brain/steering.js";
import { getKernel } from "../../kernels/index.js";
import type { AmygdalaChannel } from "../../model/amygdala.js";
import { deriveSeed } from "../../model/rng.js";
import { CUES, type ThoughtAssessorConfig, type TrialType } from "./config.js";
import {
  cuesAt,
  puffAtMs,
  type ScheduledTrial,
  shockAtMs,
  trialSpanMs,
  windowsOf,
} from "./schedule.js";

export const CONDITIONS = ["context", "frozen", "raw"] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface TrialRecord {
  trial: number;
  type: TrialType;
  /** Mean fear (amygdala output) and freezing in the fear window. */
  fear: number;
  freezing: number;
  /** Mean conditioned eyelid [z]₊ in the CR window (before the puff). */
  cr: number;
  /** Per bin of the trial's span: fear, freezing, eyelid (the plotted assessments). */
  fearTrace: number[];
  freezingTrace: number[];
  eyelidTrace: number[];
}

export interface ConditionRun {
  condition: Condition;
  trials: TrialRecord[];
  /** The cortex's steps and mean anomaly (fraction of active columns not predicted). */
  cortexSteps: number;
  meanAnomaly: number;
}

export const thoughtNames = (k: number) => Array.from({ length: k }, (_, i) => `thought${i}`);

export function runCondition(
  config: ThoughtAssessorConfig,
  condition: Condition,
  schedule: readonly ScheduledTrial[],
  /** Called with each trial's record as soon as the trial has run (live curves). */
  onTrial?: (record: TrialRecord) => void,
): ConditionRun {
  const kernel = getKernel(config.backend);
  const K = config.cortex.units;
  const names = thoughtNames(K);
  const cortex = new EventCortex(
    CUES.length,
    { ...config.cortex, frozen: config.cortex.frozen || condition === "frozen" },
    deriveSeed(config.seed, "cortex"),
  );
  const cerebellum = new Cerebellum(
    {
      kind: "cerebellum",
      params: config.cerebellum,
      channels: [...CUES, ...names],
      seed: deriveSeed(config.seed, "cerebellum"),
    },
    kernel,
  );
  const channels: AmygdalaChannel[] = [
    ...CUES.map((c) => ({ name: c, role: "cue" as const })),
    ...names.map((name) => ({ name, role: "cortex" as const })),
    { name: "place-box", role: "context" },
  ];
  const amygdala = new Amygdala(
    {
      kind: "amygdala",
      params: config.amygdala,
      channels,
      outputs: ["fear", "arousal"],
      seed: deriveSeed(config.seed, "amygdala"),
    },
    kernel,
  );
  const steering = new Steering(config.steering);
  const threat = steering.signalIndex("threat");
  const arousalSignal = steering.signalIndex("arousal");
  const blink = steering.signalIndex("blink");
  const freezingIndex = steering.responseIndexOf("freezing");

  const p = config.protocol;
  const dt = config.cerebellum.dtMs;
  const every = Math.round(config.amygdala.dtMs / dt);
  const span = trialSpanMs(p);
  const binSteps = Math.max(1, Math.round(config.analysis.binMs / dt));
  const bins = Math.ceil(span / dt / binSteps);

  const cues = new Float64Array(CUES.length);
  const cbContext = new Float64Array(CUES.length + K);
  const amInput = new Float64Array(channels.length);
  const amSum = new Float64Array(channels.length);
  const amTeacher = new Float64Array(2);
  const events = new Float64Array(4);
  const blinkTeacher = new Float64Array(1);
  const predictions = new Float64Array(3);
  const silent = new Float64Array(K);
  let fear = 0;
  let arousal = 0;
  let steps = 0;

  const trials: TrialRecord[] = [];
  schedule.forEach(({ type, itiMs }, trial) => {
    const puffAt = puffAtMs(type, p);
    const shockAt = shockAtMs(type, p);
    const w = windowsOf(type, p);
    const total = Math.round((span + itiMs) / dt);
    const sums = { fear: 0, freezing: 0, fearN: 0, cr: 0, crN: 0 };
    const fearTrace = new Array<number>(bins).fill(0);
    const freezingTrace = new Array<number>(bins).fill(0);
    const eyelidTrace = new Array<number>(bins).fill(0);
    const binCount = new Array<number>(bins).fill(0);
    for (let s = 0; s < total; s++) {
      const t = s * dt;
      cuesAt(type, t, p, cues);
      cortex.observe(cues, dt);
      const thought = condition === "raw" ? silent : cortex.thought;
      events.fill(0);
      events[0] = t >= shockAt && t < shockAt + p.shockMs ? 1 : 0;
      events[2] = t >= puffAt && t < puffAt + p.puffMs ? 1 : 0;
      const shoulda = steering.sense(events);
      cbContext.set(cues, 0);
      cbContext.set(thought, CUES.length);
      blinkTeacher[0] = shoulda[blink];
      const eyelid = Math.max(cerebellum.step(cbContext, blinkTeacher)[0], 0);
      for (let c = 0; c < CUES.length; c++) amSum[c] += cues[c];
      for (let u = 0; u < K; u++) amSum[CUES.length + u] += thought[u];
      amSum[channels.length - 1] += 1;
      amTeacher[0] = Math.max(amTeacher[0], shoulda[threat]);
      amTeacher[1] = Math.max(amTeacher[1], shoulda[arousalSignal]);
      steps++;
      if (steps % every === 0) {
        for (let c = 0; c < amInput.length; c++) amInput[c] = amSum[c] / every;
        amSum.fill(0);
        const z = amygdala.step(amInput, amTeacher);
        fear = z[0];
        arousal = z[1];
        amTeacher.fill(0);
      }
      predictions[0] = fear;
      predictions[1] = arousal;
      predictions[2] = eyelid;
      const freezing = steering.act(predictions)[freezingIndex];
      if (t >= w.fear[0] && t < w.fear[1]) {
        sums.fear += fear;
        sums.freezing += freezing;
        sums.fearN++;
      }
      if (t >= w.cr[0] && t < w.cr[1]) {
        sums.cr += eyelid;
        sums.crN++;
      }
      const b = Math.floor(s / binSteps);
      if (b < bins) {
        fearTrace[b] += fear;
        freezingTrace[b] += freezing;
        eyelidTrace[b] += eyelid;
        binCount[b]++;
      }
    }
    for (let b = 0; b < bins; b++) {
      const n = Math.max(1, binCount[b]);
      fearTrace[b] /= n;
      freezingTrace[b] /= n;
      eyelidTrace[b] /= n;
    }
    const record: TrialRecord = {
      trial,
      type,
      fear: sums.fear / Math.max(1, sums.fearN),
      freezing: sums.freezing / Math.max(1, sums.fearN),
      cr: sums.cr / Math.max(1, sums.crN),
      fearTrace,
      freezingTrace,
      eyelidTrace,
    };
    trials.push(record);
    onTrial?.(record);
  });
  return {
    condition,
    trials,
    cortexSteps: cortex.steps,
    meanAnomaly: cortex.steps > 0 ? cortex.anomalySum / cortex.steps : Number.NaN,
  };
}
