// What every bench script reports the same way: the step-timing record of one run, the machine
// it ran on, and JSON files written whole or not at all.
import { renameSync, writeFileSync } from "node:fs";
import os from "node:os";

/**
 * The fields every *_step.js result line starts with (run.js and gpu_bench.js read them);
 * a script appends its own fields after these.
 */
export function stepTiming({ backend, params, steps, elapsedMs, activeSum, setupSeconds }) {
  const stepsPerSecond = steps / (elapsedMs / 1000);
  return {
    backend,
    granuleCells: params.granule.count,
    steps,
    seconds: elapsedMs / 1000,
    stepsPerSecond,
    realTimeFactor: (stepsPerSecond * params.dtMs) / 1000,
    msPerStep: elapsedMs / steps,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    meanActive: activeSum / steps,
    setupSeconds,
  };
}

/** The machine a bench ran on (a script may add fields, e.g. the Python it used). */
export function machineInfo() {
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Writes `text` to `path` through a temporary file, so a reader never sees half a file. */
export function writeAtomic(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
