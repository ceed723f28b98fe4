/**
 * The life: one loop over one clock, from birth of the run to its end, with nothing reset.
 *
 * Per tick (the filter's dt): the plan's events at this time (world/mouseLife.ts), the current
 * place's scene (world/lickingMouse.ts: licks, jaw, external sounds, generated per visit), the
 * tone added to the cochlea, receptor noise; then the brain's tick (paradigms/mouse/brain.ts);
 * then the metrics of this tick go into the current window (metrics.ts).
 *
 * After the life, the final state is probed with learning off: the blink to a tone alone, and
 * fear to the light and without it, in the corner and elsewhere.
 */
import { measureCr } from "../../analysis/conditionedResponse.js";
import { Rng } from "../../model/rng.js";
import { lickingMouseScene } from "../../world/lickingMouse.js";
import {
  EventSweep,
  type LifeEvent,
  type LifePlan,
  MOUSE_PLACES,
  type MousePlace,
  planLife,
} from "../../world/mouseLife.js";
import { type Scene, sumComponents } from "../../world/scene.js";
import { round } from "../filter/common.js";
import { MouseBrain, type TickInput } from "./brain.js";
import type { MouseConfig } from "./config.js";
import { WindowSums } from "./metrics.js";

/**
 * Scene sources that are not the mouse's own doing. Every other source of the licking world
 * counts as self-generated: "self" (lick sounds), "chew" (chewing sounds) and, when enabled,
 * "head" (the rustle of head turns). New body channels reach the filter and cortex through
 * `scene.contextNames`; a new source counts as self-generated unless it is listed here.
 */
export const EXTERNAL_SOURCES = ["external", "playback", "paired", "unpaired"];
/** The self-generated sounds whose cancellation is measured on its own: licks and chews. */
export const LICK_SOURCE = "self";
export const CHEW_SOURCE = "chew";

export interface ToneRecord {
  onsetMs: number;
  paired: boolean;
  amplitude: number;
  cr: boolean;
  peakLatencyMs: number;
  onsetLatencyMs: number;
}

export interface TraceBin {
  timeS: number;
  place: MousePlace;
  lickOnsets: number;
  chewOnsets: number;
  tone: number;
  puff: number;
  light: number;
  shock: number;
  residualPower: number;
  cortexError: number;
  eyelid: number;
  blink: number;
  fear: number;
  freezing: number;
  arousal: number;
}

export interface FinalState {
  blinkProbe: { timeMs: number[]; eyelid: number[]; peakLatencyMs: number; amplitudeAtIsi: number };
  fearProbe: {
    condition: string;
    place: MousePlace;
    light: boolean;
    fear: number;
    freezing: number;
  }[];
  weights: Record<string, { mean: number; min: number; max: number; changed: number }>;
}

export interface LifeResult {
  plan: LifePlan;
  windows: WindowSums[];
  windowMs: number;
  tones: ToneRecord[];
  traces: TraceBin[];
  final: FinalState;
  brain: MouseBrain;
  /** Wall-clock seconds of the life loop alone (probes and plots excluded). */
  lifeWallSeconds: number;
  ticks: number;
  visitsWithoutLicking: number;
}

interface VisitStream {
  scene: Scene;
  /** Lick sound, chewing sound, and any other self-generated sound (head rustle). */
  lick: Float32Array;
  chew: Float32Array;
  otherSelf: Float32Array;
  external: Float32Array;
  startTick: number;
}

/**
 * Where the mouse chews: at the spout, after some of its lick bouts (the licking world's rule,
 * world/chewing.ts), never in a visit without licking: elsewhere it neither licks nor chews, and
 * a spout visit that starts while it freezes has neither.
 */

function visitStream(
  config: MouseConfig,
  plan: LifePlan,
  index: number,
  licking: boolean,
  startTick: number,
): VisitStream {
  const v = plan.visits[index];
  const dt = config.filterModel.dtMs;
  const scene = lickingMouseScene(
    { ...config.world, licking },
    dt,
    v.endMs - v.startMs + dt,
    Rng.derive(config.seed, `visit:${index}`),
  );
  const sources = Object.keys(scene.components);
  const external = sources.filter((s) => EXTERNAL_SOURCES.includes(s));
  const measured = [LICK_SOURCE, CHEW_SOURCE];
  return {
    scene,
    lick: sumComponents(scene, [LICK_SOURCE]),
    chew: sumComponents(scene, [CHEW_SOURCE]),
    otherSelf: sumComponents(
      scene,
      sources.filter((s) => !external.includes(s) && !measured.includes(s)),
    ),
    external: sumComponents(scene, external),
    startTick,
  };
}

function weightStats(w: ArrayLike<number>, initial: number) {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let changed = 0;
  for (let i = 0; i < w.length; i++) {
    sum += w[i];
    if (w[i] < min) min = w[i];
    if (w[i] > max) max = w[i];
    if (Math.abs(w[i] - initial) > 1e-6) changed++;
  }
  return {
    mean: round(sum / w.length, 5),
    min: round(min, 5),
    max: round(max, 5),
    changed: round(changed / w.length, 4),
  };
}

export function liveLife(
  config: MouseConfig,
  onProgress?: (done: number, total: number) => void,
  /** Each window's sums once they are final (its last tone's record complete), in order. */
  onWindow?: (index: number, sums: WindowSums) => void,
): LifeResult {
  const dt = config.filterModel.dtMs;
  const cbDt = config.cerebellum.dtMs;
  const o = config.life;
  const durationMs = config.durationMin * 60_000;
  const totalTicks = Math.round(durationMs / dt);
  const windowMs = config.analysis.windowS * 1000;
  const windowCount = Math.ceil(durationMs / windowMs);
  const plan = planLife(o, durationMs, Rng.derive(config.seed, "life"));
  // The world's channel names, from an empty scene (so new body channels flow through).
  const names = lickingMouseScene(config.world, dt, 0, Rng.derive(config.seed, "names"));
  const brain = new MouseBrain(config, names.contextNames, names.sensoryNames);
  const n = names.sensoryNames.length;
  const b = names.contextNames.length;
  const lickChannel = names.contextNames.indexOf("lick");
  const chewChannel = names.contextNames.indexOf("chew");
  const toneChannel = Math.min(o.toneChannel, n - 1);
  const noise = Rng.derive(config.seed, "ear");
  const sweep = new EventSweep(plan.events);
  const cochlea = new Float64Array(n);
  const toneSound = new Float64Array(n);
  const input: TickInput = {
    cochlea,
    body: new Float64Array(b),
    tone: 0,
    light: 0,
    puff: 0,
    shock: 0,
    place: 0,
  };

  const windows = Array.from({ length: windowCount }, () => new WindowSums());
  const tones: ToneRecord[] = [];
  const toneSteps = Math.round((o.isiMs + config.analysis.postToneMs) / cbDt);
  const open: { event: LifeEvent; trace: Float64Array; filled: number }[] = [];
  const pending: LifeEvent[] = [];
  const traces: TraceBin[] = [];
  const binMs = config.analysis.traceBinS * 1000;
  let bin: TraceBin | null = null;
  let binTicks = 0;
  let binCb = 0;
  let lightOnsetMs = Number.NEGATIVE_INFINITY;
  let lastShockEndMs = Number.NEGATIVE_INFINITY;
  let visit = -1;
  let stream: VisitStream | null = null;
  let visitsWithoutLicking = 0;
  let lastLick = 0;
  let lastChew = 0;
  let reported = -1;
  let settled = 0;
  const toneMs = toneSteps * cbDt;
  const started = performance.now();

  for (let k = 0; k < totalTicks; k++) {
    const t = k * dt;
    const w = windows[Math.min(windowCount - 1, Math.floor(t / windowMs))];
    // World: the place's scene, the plan's events.
    while (visit + 1 < plan.visits.length && plan.visits[visit + 1].startMs <= t) {
      visit++;
      const place = plan.visits[visit].place;
      const licking = place === "spout" && brain.freezing <= o.freezeStopsLicking;
      if (place === "spout" && !licking) visitsWithoutLicking++;
      stream = visitStream(config, plan, visit, licking, k);
      input.place = MOUSE_PLACES.indexOf(place);
    }
    const s = stream!;
    const step = Math.min(k - s.startTick, s.scene.steps - 1);
    sweep.advance(t);
    for (const e of sweep.started) {
      if (e.kind === "tone") pending.push(e);
      else if (e.kind === "puff") w.puffs++;
      else if (e.kind === "light") {
        w.lights++;
        lightOnsetMs = e.startMs;
      } else if (e.kind === "shock") {
        if (e.cause === "corner") w.cornerShocks++;
        else w.cueShocks++;
      }
    }
    const lv = sweep.level;
    if (lv.shock > 0) lastShockEndMs = t;
    input.tone = lv.tone;
    input.light = lv.light;
    input.puff = lv.puff;
    input.shock = lv.shock;
    toneSound.fill(0);
    toneSound[toneChannel] = o.toneLevel * lv.tone;
    let lickPresent = false;
    let chewPresent = false;
    let otherSelfPresent = false;
    let externalPresent = lv.tone > 0;
    for (let j = 0; j < n; j++) {
      const i = step * n + j;
      const self = s.lick[i] + s.chew[i] + s.otherSelf[i];
      const ext = s.external[i] + toneSound[j];
      if (s.lick[i] !== 0) lickPresent = true;
      if (s.chew[i] !== 0) chewPresent = true;
      if (s.otherSelf[i] !== 0) otherSelfPresent = true;
      if (ext !== 0) externalPresent = true;
      const x = self + ext + (config.ear.noiseSd > 0 ? config.ear.noiseSd * noise.normal() : 0);
      cochlea[j] = Math.max(0, config.ear.restingInput + x);
    }
    const body = input.body as Float64Array;
    for (let c = 0; c < b; c++) body[c] = s.scene.context[step * b + c];
    if (lickChannel >= 0) {
      if (body[lickChannel] > 0 && lastLick === 0) w.licks++;
      lastLick = body[lickChannel];
    }
    if (chewChannel >= 0) {
      if (body[chewChannel] > 0 && lastChew === 0) w.chews++;
      lastChew = body[chewChannel];
    }

    const cbStep = brain.tick(input);

    // Filter and cortex metrics.
    const { prediction, unexpected } = brain.filter;
    let power = 0;
    for (let j = 0; j < n; j++) power += unexpected[j] * unexpected[j];
    w.ticks++;
    w.residualPower += power / n;
    w.cortexError += brain.cortex.predictionError / n;
    // Each self-generated sound is scored where it is heard alone (the dcn paradigm's masks).
    if (!externalPresent && !otherSelfPresent && lickPresent !== chewPresent) {
      const sound = lickPresent ? s.lick : s.chew;
      let heard = 0;
      let left = 0;
      for (let j = 0; j < n; j++) {
        const x = sound[step * n + j];
        heard += x * x;
        left += (x - prediction[j]) ** 2;
      }
      if (lickPresent) {
        w.lickPower += heard;
        w.lickLeft += left;
      } else {
        w.chewPower += heard;
        w.chewLeft += left;
      }
    } else if (externalPresent) {
      for (let j = 0; j < n; j++) {
        const x = s.external[step * n + j] + toneSound[j];
        w.extCross += unexpected[j] * x;
        w.extPower += x * x;
      }
    }
    // Trace bins.
    if (!bin || t >= bin.timeS * 1000 + binMs) {
      if (bin) traces.push(closeBin(bin, binTicks, binCb));
      bin = emptyBin(Math.floor(t / binMs) * config.analysis.traceBinS, plan.visits[visit].place);
      binTicks = 0;
      binCb = 0;
    }
    binTicks++;
    bin.residualPower += power / n;
    bin.cortexError += brain.cortex.predictionError / n;
    bin.tone = Math.max(bin.tone, lv.tone);
    bin.puff = Math.max(bin.puff, lv.puff);
    bin.light = Math.max(bin.light, lv.light);
    bin.shock = Math.max(bin.shock, lv.shock);
    const onset = (c: number) =>
      c >= 0 && step > 0 && body[c] > 0 && s.scene.context[(step - 1) * b + c] === 0;
    if (onset(lickChannel)) bin.lickOnsets++;
    if (onset(chewChannel)) bin.chewOnsets++;

    if (cbStep) {
      // Eyelid records of tones (from the first cerebellar step at or after onset).
      while (pending.length > 0 && pending[0].startMs <= t) {
        open.push({ event: pending.shift()!, trace: new Float64Array(toneSteps), filled: 0 });
      }
      for (let i = open.length - 1; i >= 0; i--) {
        const r = open[i];
        r.trace[r.filled++] = brain.eyelid;
        if (r.filled === toneSteps) {
          open.splice(i, 1);
          const m = measureCr(r.trace, cbDt, 0, o.isiMs, true, config.analysis);
          const rec: ToneRecord = {
            onsetMs: r.event.startMs,
            paired: r.event.paired ?? false,
            amplitude: round(m.amplitude, 4),
            cr: m.cr,
            peakLatencyMs: m.peakLatencyMs,
            onsetLatencyMs: m.onsetLatencyMs,
          };
          tones.push(rec);
          // Tones count in the window of their onset, once their record is complete.
          const tw = windows[Math.min(windowCount - 1, Math.floor(rec.onsetMs / windowMs))];
          tw.tones++;
          if (m.cr) {
            tw.crs++;
            tw.crPeakLatency += m.peakLatencyMs;
          }
          tw.crAmplitude += Number.isFinite(m.amplitude) ? m.amplitude : 0;
        }
      }
      // Fear by condition.
      const freezing = brain.freezing;
      const afterShock = t - lastShockEndMs < 5000;
      let condition: "cue" | "corner" | "elsewhere" | null = null;
      if (lv.light > 0 && t - lightOnsetMs < o.shockAtS * 1000) condition = "cue";
      else if (lv.light === 0 && !afterShock)
        condition = MOUSE_PLACES[input.place] === "corner" ? "corner" : "elsewhere";
      if (condition) {
        w.freezing[condition] += freezing;
        w.fear[condition] += brain.fear;
        w.steps[condition]++;
      }
      binCb++;
      bin.eyelid = Math.max(bin.eyelid, brain.eyelid);
      bin.blink = Math.max(bin.blink, brain.blink);
      bin.fear += brain.fear;
      bin.freezing += freezing;
      bin.arousal += brain.arousal;
    }
    const done = Math.floor(((k + 1) * dt) / windowMs);
    if (done !== reported) {
      reported = done;
      onProgress?.(Math.min(done, windowCount), windowCount);
    }
    // A tone counts in its onset's window once its record is complete, up to toneMs later.
    // (The index moves outside the call: `onWindow?.(…)` skips its arguments when there is none.)
    for (; settled < windowCount && (k + 1) * dt >= (settled + 1) * windowMs + toneMs; settled++)
      onWindow?.(settled, windows[settled]);
  }
  for (; settled < windowCount; settled++) onWindow?.(settled, windows[settled]);
  if (bin) traces.push(closeBin(bin, binTicks, binCb));
  const lifeWallSeconds = (performance.now() - started) / 1000;
  const final = probeFinalState(config, brain, names.contextNames.length, input.place);
  return {
    plan,
    windows,
    windowMs,
    tones,
    traces,
    final,
    brain,
    lifeWallSeconds,
    ticks: totalTicks,
    visitsWithoutLicking,
  };
}

function emptyBin(timeS: number, place: MousePlace): TraceBin {
  return {
    timeS,
    place,
    lickOnsets: 0,
    chewOnsets: 0,
    tone: 0,
    puff: 0,
    light: 0,
    shock: 0,
    residualPower: 0,
    cortexError: 0,
    eyelid: 0,
    blink: 0,
    fear: 0,
    freezing: 0,
    arousal: 0,
  };
}

function closeBin(bin: TraceBin, ticks: number, cb: number): TraceBin {
  const per = (x: number, c: number) => (c > 0 ? x / c : 0);
  return {
    ...bin,
    residualPower: round(per(bin.residualPower, ticks), 6),
    cortexError: round(per(bin.cortexError, ticks), 6),
    eyelid: round(bin.eyelid, 4),
    blink: round(bin.blink, 4),
    fear: round(per(bin.fear, cb), 4),
    freezing: round(per(bin.freezing, cb), 4),
    arousal: round(per(bin.arousal, cb), 4),
  };
}

/**
 * The final state, probed with learning off after the life: nothing of the life is undone, the
 * probes only read it. Quiet cochlea, no licking.
 */
function probeFinalState(
  config: MouseConfig,
  brain: MouseBrain,
  bodyChannels: number,
  lastPlace: number,
): FinalState {
  brain.learning = false;
  const dt = config.filterModel.dtMs;
  const cbDt = config.cerebellum.dtMs;
  const o = config.life;
  const n = brain.sensoryNames.length;
  const quiet: TickInput = {
    cochlea: new Float64Array(n).fill(config.ear.restingInput),
    body: new Float64Array(bodyChannels),
    tone: 0,
    light: 0,
    puff: 0,
    shock: 0,
    place: lastPlace,
  };
  const run = (ms: number, each?: () => void) => {
    for (let k = Math.round(ms / dt); k > 0; k--) if (brain.tick(quiet)) each?.();
  };
  // Blink to a tone alone, after 3 s of quiet.
  run(3000);
  const eyelid: number[] = [];
  const toneCochlea = new Float64Array(n).fill(config.ear.restingInput);
  toneCochlea[Math.min(o.toneChannel, n - 1)] += o.toneLevel;
  const total = o.isiMs + config.analysis.postToneMs;
  for (let k = 0; k < Math.round(total / dt); k++) {
    const on = k * dt < o.isiMs + o.puffMs;
    const stepped = brain.tick({
      ...quiet,
      tone: on ? 1 : 0,
      cochlea: on ? toneCochlea : quiet.cochlea,
    });
    if (stepped) eyelid.push(round(brain.eyelid, 4));
  }
  const m = measureCr(eyelid, cbDt, 0, o.isiMs, true, config.analysis);
  // Fear to the light and without it, in the corner and elsewhere.
  const fearProbe: FinalState["fearProbe"] = [];
  for (const place of ["corner", "open", "spout"] as const) {
    for (const light of [true, false]) {
      quiet.place = MOUSE_PLACES.indexOf(place);
      quiet.light = light ? 1 : 0;
      let fear = 0;
      let freezing = 0;
      let count = 0;
      const ms = config.analysis.probeS * 1000;
      const settle = config.amygdala.dtMs * 2;
      let elapsed = 0;
      run(ms, () => {
        elapsed += cbDt;
        if (elapsed <= settle) return;
        fear += brain.fear;
        freezing += brain.freezing;
        count++;
      });
      fearProbe.push({
        condition: `${light ? "light" : "no light"}, ${place}`,
        place,
        light,
        fear: round(fear / Math.max(1, count), 4),
        freezing: round((100 * freezing) / Math.max(1, count), 1),
      });
      quiet.light = 0;
      run(1000);
    }
  }
  const a = brain.amygdala;
  const weights: FinalState["weights"] = {
    "filter PF→PC": weightStats(
      brain.filter.brain.purkinje.w,
      config.filterModel.purkinje.initialWeight,
    ),
    "cerebellum PF→PC": weightStats(
      brain.cerebellum.purkinje.w,
      config.cerebellum.purkinje.initialWeight,
    ),
  };
  for (const p of a.pathways) weights[`amygdala ${p.name}`] = weightStats(p.w, 0);
  return {
    blinkProbe: {
      timeMs: eyelid.map((_, i) => i * cbDt),
      eyelid,
      peakLatencyMs: m.peakLatencyMs,
      amplitudeAtIsi: round(m.amplitude, 4),
    },
    fearProbe,
    weights,
  };
}
