/**
 * Messages between the page (UI thread) and the simulation worker. The page never imports the
 * library: everything that touches the model (schemas, defaults, resolve, run) happens in the
 * worker, so the UI stays small and responsive while a run streams. (Type imports from the
 * library are erased from the page's bundle.)
 */
import type { GpuCheckResult } from "../../src/gpu/check.js";
import type { LiveSample } from "../../src/paradigms/types.js";

/** What the user has set: the paradigm, changed fields (dotted path → value), experiment text. */
export interface PlaygroundInput {
  paradigm: string;
  /** Form fields changed from the paradigm's defaults, by dotted path ("model.granule.count"). */
  set: Record<string, unknown>;
  /**
   * The experiment as typed: a design string, YAML or JSON; empty or absent = the paradigm's
   * default experiment. Only for paradigms whose config has an `experiment` field.
   */
  experiment?: string;
}

export interface ParadigmMeta {
  id: string;
  title: string;
  summary: string;
  citation: string;
  /** JSON Schema (input side) of the run config, from the zod schema. Null if unrepresentable. */
  jsonSchema: Record<string, unknown> | null;
  /** The fully resolved default config. */
  defaults: Record<string, unknown>;
  /** Dotted path → description, from the zod schema's .describe(). */
  descriptions: Record<string, string>;
  /** Streams trial by trial (pause / step / live plots); otherwise runs as one unit with progress. */
  streaming: boolean;
  /** Design-string presets for the experiment editor (name → text); empty if none. */
  presets: { name: string; text: string }[];
  /** One line describing the default experiment (phases and trials), if the config has one. */
  defaultExperiment?: string;
  /** Set when the paradigm's defaults could not be built: it is listed but cannot be chosen. */
  error?: string;
}

export interface OutputFileMsg {
  name: string;
  data: string;
}

/** A run's kernel: threads it may use and actually used (see ThreadUsage in src/kernels/wasm/threads.ts). */
export interface KernelUsage {
  threads: number;
  readyHelpers: number;
  splitCalls: number;
  mostThreads: number;
  fallbackReason: string | null;
}

/** Layout of one trial, enough to draw it: times in ms from the trial start. */
export interface TrialMsg {
  index: number;
  phase: string;
  phaseIndex: number;
  indexInPhase: number;
  trialType: string;
  probe: boolean;
  durationMs: number;
  dtMs: number;
  csOnsetMs: number;
  usOnsetMs: number | null;
  itiMs: number;
  /** Eyelid closure per step (1 = full). */
  eyelid: Float32Array;
  /** Purkinje pause per step. */
  pause: Float32Array;
  /** Climbing-fibre error e(t) per step. */
  error: Float32Array;
  cr: boolean;
  amplitude: number | null;
  peakAmplitude: number | null;
  peakLatencyMs: number | null;
  onsetLatencyMs: number | null;
  /** Histogram of the PF→PC weights after the trial (bins between weightRange). */
  weightHist: number[];
  weightRange: [number, number];
  /** Total steps simulated so far, and worker wall time spent stepping (ms). */
  steps: number;
  busyMs: number;
  done: number;
  total: number;
  /** The kernel backend and its threads so far. */
  backend: string;
  kernel: KernelUsage;
}

/** A speed test's result. */
export interface BenchMsg {
  granules: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  buildSeconds: number;
  /** The backend that ran: a kernel backend (eyeblink) or "webgpu" (the GPU engine). */
  backend: string;
  /** Kernel backends: how many threads the kernel ran on (absent for webgpu). */
  kernel?: KernelUsage;
  /** What was timed: "eyeblink" (a ConditioningRun) or "bench/workload.js" (the GPU engine). */
  workload: string;
  /** WebGPU only: the adapter that ran it, "hardware" or "software" (a fallback adapter). */
  adapter?: string;
  deviceMode?: string;
  /** WebGPU only: why it could not run (no navigator.gpu, no adapter); then steps = 0. */
  unavailable?: string;
}

/** The in-browser GPU check: its result, or why there is no WebGPU. */
export interface GpuCheckMsg {
  granules: number;
  steps: number;
  result?: GpuCheckResult;
  unavailable?: string;
}

export type ToWorker =
  | { type: "hello" }
  | { type: "resolve"; id: number; input: PlaygroundInput }
  /** A config.json (or a YAML/JSON run config, or an experiment) to load into the form. */
  | { type: "import"; id: number; text: string; name: string; paradigm: string }
  | { type: "load"; input: PlaygroundInput; control?: SharedArrayBuffer }
  | { type: "play"; speed: number }
  | { type: "pause" }
  | { type: "step" }
  | { type: "speed"; speed: number }
  | { type: "results" }
  /** backend "webgpu": the GPU engine through navigator.gpu (see BenchMsg). */
  | { type: "bench"; granules: number; seconds: number; backend?: string }
  /** The GPU engine against the CPU reference engine, same seed (bench/gpu_check.js). */
  | { type: "gpuCheck"; granules: number; steps: number };

export type FromWorker =
  | { type: "paradigms"; list: ParadigmMeta[]; version: string }
  | { type: "resolved"; id: number; config: Record<string, unknown> }
  | { type: "invalid"; id?: number; field: string; message: string }
  | {
      type: "imported";
      id: number;
      paradigm: string;
      config: Record<string, unknown>;
      experiment: string;
    }
  | {
      type: "loaded";
      config: Record<string, unknown>;
      total: number;
      unit: string;
      streaming: boolean;
    }
  | ({ type: "trial" } & TrialMsg)
  | { type: "progress"; done: number; total: number; steps?: number; busyMs: number }
  /** A learning-curve point from a paradigm that runs as one unit (RunHooks.onSample). */
  | { type: "sample"; sample: LiveSample }
  | { type: "state"; state: "playing" | "paused" | "finished" }
  | {
      type: "results";
      summary: Record<string, unknown>;
      files: OutputFileMsg[];
      final: boolean;
    }
  | ({ type: "bench" } & BenchMsg)
  | ({ type: "gpuCheck" } & GpuCheckMsg)
  | { type: "error"; message: string };

/** Speeds are trials (or progress units) per second; 0 = as fast as possible. */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 0] as const;
