/// <reference lib="webworker" />
/**
 * The simulation worker: the library itself (same source as the CLI), every registered
 * paradigm, config resolution and runs. The page talks to it with the messages in
 * ../messages.ts.
 */
import { stringify as toYaml } from "yaml";
import { z } from "zod";
import { ThreadedWasmKernel, threadUsage } from "../../../src/kernels/wasm/threads.js";
import { parameterDescriptions } from "../../../src/model/describe.js";
import { ConfigError } from "../../../src/model/errors.js";
import { isPlainObject } from "../../../src/model/merge.js";
import { setPath } from "../../../src/model/paths.js";
import { type EyeblinkConfig, eyeblink } from "../../../src/paradigms/eyeblink/index.js";
import { ConditioningRun } from "../../../src/paradigms/eyeblink/simulate.js";
import { getParadigm, listParadigms } from "../../../src/paradigms/registry.js";
import type { Paradigm, RunConfig } from "../../../src/paradigms/types.js";
import { formatDesign } from "../../../src/protocol/design.js";
import { loadExperimentText, looksLikeDesignString } from "../../../src/protocol/load.js";
import { parseExperiment } from "../../../src/protocol/schema.js";
import type { Experiment } from "../../../src/protocol/types.js";
import type { FromWorker, ParadigmMeta, PlaygroundInput, ToWorker } from "../messages.js";
import { gpuBench, gpuCheck } from "./gpuBench.js";
import { PRESETS } from "./presets.js";
import { EyeblinkSession, type Post, type Session, WholeRunSession } from "./sessions.js";

declare const __SHOULDA_VERSION__: string;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post: Post = (msg: FromWorker, transfer: Transferable[] = []) =>
  scope.postMessage(msg, transfer);
const env = { version: __SHOULDA_VERSION__, userAgent: scope.navigator.userAgent };

/** Paradigms that stream trial by trial (pause, single step, live plots). */
const STREAMING: Record<string, (config: RunConfig) => Session> = {
  eyeblink: (config) => new EyeblinkSession(config as EyeblinkConfig, post, env),
};

let session: Session | undefined;

function jsonSchemaOf(p: Paradigm): Record<string, unknown> | null {
  try {
    return z.toJSONSchema(p.schema as z.ZodType, { io: "input", unrepresentable: "any" }) as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
}

function describeExperiment(e: Experiment): string {
  const phases = e.phases.map((p) => `${p.name} ${p.trials}`).join(" → ");
  const iti = e.phases[0]?.iti;
  return iti ? `${phases} trials (ITI ${iti.meanMs} ± ${iti.jitterMs} ms)` : `${phases} trials`;
}

/** A paradigm whose defaults fail to build is still listed, with the error, but not offered. */
function safeMeta(p: Paradigm): ParadigmMeta {
  try {
    return meta(p);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return {
      ...p.info,
      jsonSchema: null,
      defaults: {},
      descriptions: {},
      streaming: false,
      presets: [],
      error,
    };
  }
}

function meta(p: Paradigm): ParadigmMeta {
  const defaults = p.resolve({}) as Record<string, unknown>;
  const experiment = defaults.experiment as Experiment | undefined;
  return {
    ...p.info,
    jsonSchema: jsonSchemaOf(p),
    defaults,
    descriptions: Object.fromEntries(parameterDescriptions(p.schema)),
    streaming: p.info.id in STREAMING,
    presets:
      "experiment" in defaults
        ? (PRESETS[p.info.id] ?? [{ name: "Paradigm default", text: "" }])
        : [],
    defaultExperiment: experiment?.phases ? describeExperiment(experiment) : undefined,
  };
}

/** The experiment editor's text → an experiment value (undefined = the paradigm's default). */
function parseExperimentText(text: string | undefined): unknown {
  const s = (text ?? "").trim();
  if (!s) return undefined;
  if (s.startsWith("{") || s.startsWith("[")) return loadExperimentText(s, "json", "experiment");
  if (looksLikeDesignString(s)) return { design: s };
  const value = loadExperimentText(s, "yaml", "experiment");
  if (typeof value === "string") return { design: value };
  return value;
}

/** Defaults + the user's changes → a fully resolved config (throws ConfigError). */
function resolveInput(input: PlaygroundInput): RunConfig {
  const paradigm = getParadigm(input.paradigm);
  let config = paradigm.resolve({}) as Record<string, unknown>;
  for (const [path, value] of Object.entries(input.set ?? {})) {
    config = setPath(config, path, value);
  }
  if ("experiment" in config) {
    const experiment = parseExperimentText(input.experiment);
    if (experiment === undefined) delete config.experiment;
    else config.experiment = experiment;
  }
  return paradigm.resolve(config);
}

/** An experiment as editor text: a design string when it round-trips exactly, else YAML. */
function experimentText(experiment: Experiment, paradigm: Paradigm): string {
  try {
    const text = formatDesign(experiment, "experiment", paradigm.designDefaults);
    const back = parseExperiment({ design: text }, "experiment", paradigm.designDefaults);
    if (JSON.stringify(back) === JSON.stringify(experiment)) return text;
  } catch {
    // not representable as a design string
  }
  return toYaml(experiment);
}

/** An imported file: a run config (it names its paradigm) or an experiment for `paradigm`. */
function importText(text: string, name: string, current: string) {
  const format = /\.json$/i.test(name) || text.trim().startsWith("{") ? "json" : "yaml";
  const value = loadExperimentText(text, format, name);
  if (!isPlainObject(value))
    throw new ConfigError(name, "allowed: a run config or an experiment (an object)");
  const partial = "paradigm" in value ? value : { paradigm: current, experiment: value };
  const paradigm = getParadigm(String(partial.paradigm), `${name}: paradigm`);
  const config = paradigm.resolve(partial) as Record<string, unknown>;
  let experiment = "";
  if ("experiment" in config) {
    const defaults = paradigm.resolve({}) as Record<string, unknown>;
    if (JSON.stringify(config.experiment) !== JSON.stringify(defaults.experiment)) {
      experiment = experimentText(config.experiment as Experiment, paradigm);
    }
  }
  return { paradigm: paradigm.info.id, config, experiment };
}

function invalid(e: unknown, id?: number): void {
  if (e instanceof ConfigError) post({ type: "invalid", id, field: e.field, message: e.detail });
  else post({ type: "error", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
}

/**
 * Steps per second of an eyeblink run at `granules` cells (default backend unless named): build,
 * wait for a threaded kernel's helpers (in a browser they start only while this worker is idle),
 * one warm-up trial, then time trials. Reports how many threads the kernel actually ran on.
 * "webgpu" times the GPU engine instead (gpuBench.ts).
 */
async function bench(granules: number, seconds: number, backend?: string): Promise<void> {
  if (backend === "webgpu") {
    post({ type: "bench", ...(await gpuBench(granules, seconds)) });
    return;
  }
  const config = eyeblink.resolve({
    ...(backend ? { backend } : {}),
    model: { granule: { count: granules } },
  });
  const t0 = performance.now();
  const sim = new ConditioningRun(config);
  const buildSeconds = (performance.now() - t0) / 1000;
  const kernel = sim.brain.kernel;
  try {
    // Helpers that do not start in time are not waited for: the result says how many ran.
    if (kernel instanceof ThreadedWasmKernel) await kernel.whenReady(10_000).catch(() => undefined);
    sim.nextTrial();
    const s0 = sim.brain.time;
    const t1 = performance.now();
    while (performance.now() - t1 < seconds * 1000 && !sim.finished) sim.nextTrial();
    const elapsed = (performance.now() - t1) / 1000;
    const steps = sim.brain.time - s0;
    post({
      type: "bench",
      granules,
      steps,
      seconds: elapsed,
      stepsPerSecond: steps / elapsed,
      buildSeconds,
      backend: config.backend,
      kernel: threadUsage(kernel),
      workload: "eyeblink",
    });
  } finally {
    kernel.dispose?.();
  }
}

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case "hello":
        post({ type: "paradigms", list: listParadigms().map(safeMeta), version: env.version });
        break;
      case "resolve":
        try {
          post({
            type: "resolved",
            id: msg.id,
            config: resolveInput(msg.input) as Record<string, unknown>,
          });
        } catch (e) {
          invalid(e, msg.id);
        }
        break;
      case "import":
        try {
          post({ type: "imported", id: msg.id, ...importText(msg.text, msg.name, msg.paradigm) });
        } catch (e) {
          invalid(e, msg.id);
        }
        break;
      case "load": {
        session?.pause();
        session?.dispose?.();
        session = undefined;
        let config: RunConfig;
        try {
          config = resolveInput(msg.input);
        } catch (e) {
          invalid(e);
          break;
        }
        const streaming = STREAMING[config.paradigm];
        session = streaming
          ? streaming(config)
          : new WholeRunSession(getParadigm(config.paradigm), config, post, env, msg.control);
        post({
          type: "loaded",
          config: config as Record<string, unknown>,
          total: session.total,
          unit: session.unit,
          streaming: session.streaming,
        });
        break;
      }
      case "play":
        session?.play(msg.speed);
        break;
      case "pause":
        session?.pause();
        break;
      case "step":
        session?.step();
        break;
      case "speed":
        session?.setSpeed(msg.speed);
        break;
      case "results":
        if (session) post({ type: "results", ...(await session.results()) });
        break;
      case "bench":
        await bench(msg.granules, msg.seconds, msg.backend);
        break;
      case "gpuCheck":
        post({ type: "gpuCheck", ...(await gpuCheck(msg.granules, msg.steps)) });
        break;
    }
  } catch (e) {
    invalid(e);
  }
};
