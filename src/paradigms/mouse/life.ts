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

/**
 * The life between two ticks, whole: brain, world (plan, event sweep, current visit's scene,
 * receptor noise), the windows' sums, tone records and trace bins so far. Every field is data
 * (paradigms/snapshot.ts saves and restores it for checkpoints); `run(end)` goes on to tick `end`.
 */
export class MouseLife {
  readonly dt: number;
  readonly cbDt: number;
  readonly o: MouseConfig["life"];
  readonly totalTicks: number;
  readonly windowMs: number;
  readonly windowCount: number;
  readonly plan: LifePlan;
  readonly contextCount: number;
  readonly brain: MouseBrain;
  readonly n: number;
  readonly b: number;
  readonly lickChannel: number;
  readonly chewChannel: number;
  readonly toneChannel: number;
  readonly noise: Rng;
  readonly sweep: EventSweep;
  readonly cochlea: Float64Array;
  readonly toneSound: Float64Array;
  readonly input: TickInput;
  readonly windows: WindowSums[];
  readonly tones: ToneRecord[] = [];
  readonly toneSteps: number;
  readonly open: { event: LifeEvent; trace: Float64Array; filled: number }[] = [];
  readonly pending: LifeEvent[] = [];
  readonly traces: TraceBin[] = [];
  readonly binMs: number;
  readonly toneMs: number;
  /** The next tick to run. */
  tick = 0;
  bin: TraceBin | null = null;
  binTicks = 0;
  binCb = 0;
  lightOnsetMs = Number.NEGATIVE_INFINITY;
  lastShockEndMs = Number.NEGATIVE_INFINITY;
  visit = -1;
  stream: VisitStream | null = null;
  visitsWithoutLicking = 0;
  lastLick = 0;
  lastChew = 0;
  reported = -1;
  settled = 0;
  /** Wall-clock ms spent in `run` (summed over a resumed run's sessions). */
  wallMs = 0;

  constructor(readonly config: MouseConfig) {
    const dt = config.filterModel.dtMs;
    this.dt = dt;
    this.cbDt = config.cerebellum.dtMs;
    const o = config.life;
    this.o = o;
    const durationMs = config.durationMin * 60_000;
    this.totalTicks = Math.round(durationMs / dt);
    this.windowMs = config.analysis.windowS * 1000;
    this.windowCount = Math.ceil(durationMs / this.windowMs);
    this.plan = planLife(o, durationMs, Rng.derive(config.seed, "life"));
    // The world's channel names, from an empty scene (so new body channels flow through).
    const names = lickingMouseScene(config.world, dt, 0, Rng.derive(config.seed, "names"));
    this.contextCount = names.contextNames.length;
    this.brain = new MouseBrain(config, names.contextNames, names.sensoryNames);
    const n = names.sensoryNames.length;
    this.n = n;
    this.b = names.contextNames.length;
    this.lickChannel = names.contextNames.indexOf("lick");
    this.chewChannel = names.contextNames.indexOf("chew");
    this.toneChannel = Math.min(o.toneChannel, n - 1);
    this.noise = Rng.derive(config.seed, "ear");
    this.sweep = new EventSweep(this.plan.events);
    this.cochlea = new Float64Array(n);
    this.toneSound = new Float64Array(n);
    this.input = {
      cochlea: this.cochlea,
      body: new Float64Array(this.b),
      tone: 0,
      light: 0,
      puff: 0,
      shock: 0,
      place: 0,
    };
    this.windows = Array.from({ length: this.windowCount }, () => new WindowSums());
    this.toneSteps = Math.round((o.isiMs + config.analysis.postToneMs) / this.cbDt);
    this.binMs = config.analysis.traceBinS * 1000;
    this.toneMs = this.toneSteps * this.cbDt;
  }

  /** The first tick of window `index` (the life's end for index = windowCount). */
  windowStart(index: number): number {
    return Math.min(this.totalTicks, Math.round((index * this.windowMs) / this.dt));
  }

  /** Runs the ticks up to `end` (exclusive). */
  run(
    end: number,
    onProgress?: (done: number, total: number) => void,
    onWindow?: (index: number, sums: WindowSums) => void,
  ): void {
    const started = performance.now();
    const { config } = this;
    const {
      dt,
      cbDt,
      o,
      windowMs,
      windowCount,
      plan,
      brain,
      n,
      b,
      lickChannel,
      chewChannel,
      toneChannel,
      noise,
      sweep,
      cochlea,
      toneSound,
      input,
      windows,
      tones,
      toneSteps,
      open,
      pending,
      traces,
      binMs,
      toneMs,
    } = this;
    for (let k = this.tick; k < end; k++) {
      const t = k * dt;
      const w = windows[Math.min(windowCount - 1, Math.floor(t / windowMs))];
      // World: the place's scene, the plan's events.
      while (this.visit + 1 < plan.visits.length && plan.visits[this.visit + 1].startMs <= t) {
        this.visit++;
        const place = plan.visits[this.visit].place;
        const licking = place === "spout" && brain.freezing <= o.freezeStopsLicking;
        if (place === "spout" && !licking) this.visitsWithoutLicking++;
        this.stream = visitStream(config, plan, this.visit, licking, k);
        input.place = MOUSE_PLACES.indexOf(place);
      }
      const s = this.stream!;
      const step = Math.min(k - s.startTick, s.scene.steps - 1);
      sweep.advance(t);
      for (const e of sweep.started) {
        if (e.kind === "tone") pending.push(e);
        else if (e.kind === "puff") w.puffs++;
        else if (e.kind === "light") {
          w.lights++;
          this.lightOnsetMs = e.startMs;
        } else if (e.kind === "shock") {
          if (e.cause === "corner") w.cornerShocks++;
          else w.cueShocks++;
        }
      }
      const lv = sweep.level;
      if (lv.shock > 0) this.lastShockEndMs = t;
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
        if (body[lickChannel] > 0 && this.lastLick === 0) w.licks++;
        this.lastLick = body[lickChannel];
      }
      if (chewChannel >= 0) {
        if (body[chewChannel] > 0 && this.lastChew === 0) w.chews++;
        this.lastChew = body[chewChannel];
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
      if (!this.bin || t >= this.bin.timeS * 1000 + binMs) {
        if (this.bin) traces.push(closeBin(this.bin, this.binTicks, this.binCb));
        this.bin = emptyBin(
          Math.floor(t / binMs) * config.analysis.traceBinS,
          plan.visits[this.visit].place,
        );
        this.binTicks = 0;
        this.binCb = 0;
      }
      this.binTicks++;
      this.bin.residualPower += power / n;
      this.bin.cortexError += brain.cortex.predictionError / n;
      this.bin.tone = Math.max(this.bin.tone, lv.tone);
      this.bin.puff = Math.max(this.bin.puff, lv.puff);
      this.bin.light = Math.max(this.bin.light, lv.light);
      this.bin.shock = Math.max(this.bin.shock, lv.shock);
      const onset = (c: number) =>
        c >= 0 && step > 0 && body[c] > 0 && s.scene.context[(step - 1) * b + c] === 0;
      if (onset(lickChannel)) this.bin.lickOnsets++;
      if (onset(chewChannel)) this.bin.chewOnsets++;

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
        const afterShock = t - this.lastShockEndMs < 5000;
        let condition: "cue" | "corner" | "elsewhere" | null = null;
        if (lv.light > 0 && t - this.lightOnsetMs < o.shockAtS * 1000) condition = "cue";
        else if (lv.light === 0 && !afterShock)
          condition = MOUSE_PLACES[input.place] === "corner" ? "corner" : "elsewhere";
        if (condition) {
          w.freezing[condition] += freezing;
          w.fear[condition] += brain.fear;
          w.steps[condition]++;
        }
        this.binCb++;
        this.bin.eyelid = Math.max(this.bin.eyelid, brain.eyelid);
        this.bin.blink = Math.max(this.bin.blink, brain.blink);
        this.bin.fear += brain.fear;
        this.bin.freezing += freezing;
        this.bin.arousal += brain.arousal;
      }
      const done = Math.floor(((k + 1) * dt) / windowMs);
      if (done !== this.reported) {
        this.reported = done;
        onProgress?.(Math.min(done, windowCount), windowCount);
      }
      // A tone counts in its onset's window once its record is complete, up to toneMs later.
      // (The index moves outside the call: `onWindow?.(…)` skips its arguments when there is none.)
      for (
        ;
        this.settled < windowCount && (k + 1) * dt >= (this.settled + 1) * windowMs + toneMs;
        this.settled++
      )
        onWindow?.(this.settled, windows[this.settled]);
    }
    this.tick = Math.max(this.tick, end);
    this.wallMs += performance.now() - started;
  }

  /** After the last tick: the last windows and bin closed, the final state probed. */
  finish(onWindow?: (index: number, sums: WindowSums) => void): LifeResult {
    for (; this.settled < this.windowCount; this.settled++)
      onWindow?.(this.settled, this.windows[this.settled]);
    if (this.bin) this.traces.push(closeBin(this.bin, this.binTicks, this.binCb));
    this.bin = null;
    const final = probeFinalState(this.config, this.brain, this.contextCount, this.input.place);
    return {
      plan: this.plan,
      windows: this.windows,
      windowMs: this.windowMs,
      tones: this.tones,
      traces: this.traces,
      final,
      brain: this.brain,
      lifeWallSeconds: this.wallMs / 1000,
      ticks: this.totalTicks,
      visitsWithoutLicking: this.visitsWithoutLicking,
    };
  }
}

export function liveLife(
  config: MouseConfig,
  onProgress?: (done: number, total: number) => void,
  /** Each window's sums once they are final (its last tone's record complete), in order. */
  onWindow?: (index: number, sums: WindowSums) => void,
): LifeResult {
  const life = new MouseLife(config);
  life.run(life.totalTicks, onProgress, onWindow);
  return life.finish(onWindow);
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
