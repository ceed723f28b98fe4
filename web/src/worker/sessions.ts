/**
 * Runs inside the worker: a loaded run that the page can play, pause, step and read results
 * from. Eyeblink streams trial by trial through ConditioningRun.nextTrial(); any other paradigm
 * runs as one unit through Paradigm.run(), reporting progress (and pausing between progress
 * units when the page is cross-origin isolated, so that a SharedArrayBuffer can carry the
 * controls into the blocked worker).
 */

import { version as vegaVersion } from "vega";
import { version as vegaLiteVersion } from "vega-lite";
import { reportHtml } from "../../../src/io/report.js";
import { threadUsage } from "../../../src/kernels/wasm/threads.js";
import {
  profiles,
  summarisePhases,
  trialRows,
  trialTiming,
} from "../../../src/paradigms/eyeblink/analyse.js";
import { type EyeblinkConfig, eyeblink } from "../../../src/paradigms/eyeblink/index.js";
import { eyeblinkPlots, profilesCsv, trialsCsv } from "../../../src/paradigms/eyeblink/report.js";
import { ConditioningRun, type TrialRecord } from "../../../src/paradigms/eyeblink/simulate.js";
import type {
  OutputFile,
  Paradigm,
  ParadigmInfo,
  RunConfig,
} from "../../../src/paradigms/types.js";
import type { FromWorker, OutputFileMsg, TrialMsg } from "../messages.js";

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

export interface Session {
  readonly total: number;
  readonly unit: string;
  readonly streaming: boolean;
  play(speed: number): void;
  pause(): void;
  step(): void;
  setSpeed(speed: number): void;
  /** Summary and files for what has run so far (final once the run is complete). */
  results(): Promise<{ summary: Record<string, unknown>; files: OutputFileMsg[]; final: boolean }>;
  /** Ends what the run holds beyond memory (a threaded kernel's helper workers). */
  dispose?(): void;
}

/** Yields to the worker's event loop without the 4-ms clamp of nested setTimeout(0). */
function yieldNow(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const WEIGHT_BINS = 40;
const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export interface EnvFacts {
  version: string;
  userAgent: string;
}

/** The run's files plus report.html, the same self-contained report `shoulda run --report` writes. */
function withReport(
  config: RunConfig,
  summary: Record<string, unknown>,
  files: OutputFile[],
  paradigm: ParadigmInfo,
  env: EnvFacts,
): OutputFile[] {
  const versions = {
    shoulda: env.version,
    runtime: env.userAgent,
    vega: vegaVersion,
    "vega-lite": vegaLiteVersion,
  };
  const html = reportHtml({
    config,
    summary,
    files,
    paradigm,
    versions,
    command: "shoulda playground (browser)",
  });
  return [...files, { name: "report.html", data: html }];
}

export class EyeblinkSession implements Session {
  readonly sim: ConditioningRun;
  readonly records: TrialRecord[] = [];
  readonly unit = "trial";
  readonly streaming = true;
  private playing = false;
  private looping = false;
  private speed = 0;
  private busyMs = 0;

  constructor(
    readonly config: EyeblinkConfig,
    private readonly post: Post,
    private readonly env: EnvFacts,
  ) {
    this.sim = new ConditioningRun(config);
  }

  get total(): number {
    return this.sim.schedule.length;
  }

  play(speed: number): void {
    this.speed = speed;
    if (this.sim.finished) return;
    this.playing = true;
    this.post({ type: "state", state: "playing" });
    if (!this.looping) void this.loop();
  }

  pause(): void {
    this.playing = false;
    this.post({ type: "state", state: this.sim.finished ? "finished" : "paused" });
  }

  step(): void {
    this.playing = false;
    if (this.looping) return; // the running loop stops after its current trial
    this.runOne();
    this.post({ type: "state", state: this.sim.finished ? "finished" : "paused" });
    if (this.sim.finished) void this.finish();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
  }

  dispose(): void {
    this.playing = false;
    this.sim.brain.kernel.dispose?.();
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.playing && !this.sim.finished) {
        const start = performance.now();
        this.runOne();
        const spent = performance.now() - start;
        if (this.speed > 0) await sleep(Math.max(0, 1000 / this.speed - spent));
        else await yieldNow();
      }
    } finally {
      this.looping = false;
    }
    if (this.sim.finished) await this.finish();
  }

  private async finish(): Promise<void> {
    this.playing = false;
    this.post({ type: "state", state: "finished" });
    const r = await this.results();
    this.post({ type: "results", ...r });
  }

  /** Runs one trial and posts it for the plots. */
  private runOne(): void {
    const next = this.sim.schedule[this.sim.trialsDone];
    if (!next) return;
    const dt = this.config.model.dtMs;
    let error = new Float32Array(Math.ceil(next.trialType.durationMs / dt) + 2);
    const t0 = performance.now();
    const record = this.sim.nextTrial({
      onStep: (t, brain) => {
        if (t >= error.length) {
          const grown = new Float32Array(error.length * 2);
          grown.set(error);
          error = grown;
        }
        error[t] = brain.error[0];
      },
    });
    this.busyMs += performance.now() - t0;
    if (!record) return;
    this.records.push(record);
    const row = trialRows([record], dt, this.config.analysis)[0];
    const { csOnsetMs, usOnsetMs } = trialTiming(record.trial.trialType);
    const pf = this.config.model.plasticity.pfPurkinje;
    const range: [number, number] = [pf.minWeight, pf.maxWeight];
    const msg: TrialMsg = {
      index: record.trial.index,
      phase: record.trial.phase,
      phaseIndex: record.trial.phaseIndex,
      indexInPhase: record.trial.indexInPhase,
      trialType: record.trial.trialType.name,
      probe: record.trial.trialType.probe,
      durationMs: record.trial.trialType.durationMs,
      dtMs: dt,
      csOnsetMs,
      usOnsetMs: usOnsetMs ?? null,
      itiMs: record.trial.itiMs,
      eyelid: record.eyelid.slice(),
      pause: record.pause.slice(),
      error: error.slice(0, record.eyelid.length),
      cr: row.cr,
      amplitude: finiteOrNull(row.amplitude),
      peakAmplitude: finiteOrNull(row.peakAmplitude),
      peakLatencyMs: finiteOrNull(row.peakLatencyMs),
      onsetLatencyMs: finiteOrNull(row.onsetLatencyMs),
      weightHist: histogram(this.sim.brain.purkinje.w, range, WEIGHT_BINS),
      weightRange: range,
      steps: this.sim.brain.time,
      busyMs: this.busyMs,
      done: this.sim.trialsDone,
      backend: this.config.backend,
      kernel: threadUsage(this.sim.brain.kernel),
      total: this.total,
    };
    this.post({ type: "trial", ...msg }, [msg.eyelid.buffer, msg.pause.buffer, msg.error.buffer]);
  }

  async results(): Promise<{
    summary: Record<string, unknown>;
    files: OutputFileMsg[];
    final: boolean;
  }> {
    const config = this.config;
    const dt = config.model.dtMs;
    const rows = trialRows(this.records, dt, config.analysis);
    const list = profiles(this.records, dt, config.analysis.profileBinMs);
    const plots = this.records.length
      ? await eyeblinkPlots(rows, this.records, list, dt, config.analysis.criterionWindow)
      : [];
    const steps = this.sim.brain.time;
    const summary = {
      paradigm: "eyeblink",
      seed: config.seed,
      trials: rows.length,
      scheduledTrials: this.total,
      complete: this.sim.finished,
      steps,
      simulatedSeconds: (steps * dt) / 1000,
      wallSeconds: this.busyMs / 1000,
      stepsPerSecond: this.busyMs > 0 ? steps / (this.busyMs / 1000) : null,
      phases: summarisePhases(rows, config.analysis),
      version: this.env.version,
      runtime: this.env.userAgent,
    };
    return {
      summary,
      files: withReport(
        config,
        summary,
        [
          { name: "trials.csv", data: trialsCsv(rows) },
          { name: "profiles.csv", data: profilesCsv(list) },
          ...plots,
        ],
        eyeblink.info,
        this.env,
      ),
      final: this.sim.finished,
    };
  }
}

/** Histogram of `values` in `bins` equal bins over `range` (values outside are clamped). */
export function histogram(
  values: ArrayLike<number>,
  range: [number, number],
  bins: number,
): number[] {
  const out = new Array<number>(bins).fill(0);
  const [lo, hi] = range;
  const scale = hi > lo ? bins / (hi - lo) : 0;
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - lo) * scale);
    out[b < 0 ? 0 : b >= bins ? bins - 1 : b]++;
  }
  return out;
}

/**
 * Control words shared with the page when the worker is blocked inside Paradigm.run():
 * [0] paused (1) or running (0), [1] pending single steps, [2] speed (units/s, 0 = max),
 * [3] a word that nothing writes, to sleep on.
 */
export const CONTROL_WORDS = 4;

export class WholeRunSession implements Session {
  readonly unit: string = "unit";
  readonly streaming = false;
  total = 0;
  private started = false;
  private output: { summary: Record<string, unknown>; files: OutputFileMsg[] } | undefined;
  private readonly control: Int32Array | undefined;
  private busyMs = 0;

  constructor(
    readonly paradigm: Paradigm,
    readonly config: RunConfig,
    private readonly post: Post,
    private readonly env: EnvFacts,
    control: SharedArrayBuffer | undefined,
  ) {
    this.control = control ? new Int32Array(control) : undefined;
  }

  play(speed: number): void {
    this.setSpeed(speed);
    if (this.started) return;
    this.started = true;
    void this.runAll();
  }

  /** Without shared memory the worker cannot be paused mid-run: it finishes the run. */
  pause(): void {
    if (this.control) Atomics.store(this.control, 0, 1);
  }

  step(): void {
    if (!this.started) {
      if (this.control) Atomics.store(this.control, 0, 1);
      this.play(0);
    }
  }

  setSpeed(speed: number): void {
    if (this.control) Atomics.store(this.control, 2, speed);
  }

  private async runAll(): Promise<void> {
    this.post({ type: "state", state: "playing" });
    const t0 = performance.now();
    let last = t0;
    const result = await this.paradigm.run(this.config, {
      onProgress: (done, total) => {
        this.total = total;
        this.post({ type: "progress", done, total, busyMs: performance.now() - t0 });
        if (done < total) this.gate(last);
        last = performance.now();
      },
      onSample: (sample) => this.post({ type: "sample", sample }),
    });
    this.busyMs = performance.now() - t0;
    const summary = { ...result.summary, version: this.env.version, runtime: this.env.userAgent };
    this.output = {
      summary,
      files: withReport(this.config, summary, result.files, this.paradigm.info, this.env),
    };
    this.post({ type: "state", state: "finished" });
    this.post({ type: "results", ...this.output, final: true });
  }

  /** Between progress units: honour pause, single steps and the speed limit. */
  private gate(since: number): void {
    const c = this.control;
    if (!c) return;
    const speed = Atomics.load(c, 2);
    if (speed > 0) {
      const wait = 1000 / speed - (performance.now() - since);
      if (wait > 0) Atomics.wait(c, 3, 0, wait);
    }
    if (Atomics.load(c, 0) === 1) {
      this.post({ type: "state", state: "paused" });
      for (;;) {
        if (Atomics.load(c, 1) > 0) {
          Atomics.sub(c, 1, 1);
          break;
        }
        if (Atomics.load(c, 0) === 0) break;
        Atomics.wait(c, 0, 1, 250);
      }
      this.post({ type: "state", state: Atomics.load(c, 0) === 1 ? "paused" : "playing" });
    }
  }

  async results(): Promise<{
    summary: Record<string, unknown>;
    files: OutputFileMsg[];
    final: boolean;
  }> {
    if (this.output) return { ...this.output, final: true };
    return {
      summary: {
        paradigm: this.config.paradigm,
        seed: this.config.seed,
        complete: false,
        wallSeconds: this.busyMs / 1000,
      },
      files: [],
      final: false,
    };
  }
}
