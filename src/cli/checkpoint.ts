/**
 * The folder of a checkpointed run, `<out>.checkpoint/`, beside its output folder (which appears
 * only when the run has finished, io/atomic.ts). It survives a kill, so `shoulda resume <out>`
 * can go on from the last checkpoint:
 *
 *   run.json           what the run is: the resolved config, recording, options (written once)
 *   checkpoint.json    the last checkpoint: trials done, recording length, the paradigm's state,
 *                      and the SHA-256 of all that (replaced atomically at each checkpoint)
 *   recordings.ndjson  the recording so far (cut back to the checkpoint's length on resume)
 *
 * Everything read back is validated: a file that was edited or damaged is refused with a
 * ConfigError naming the field, never resumed into NaN or into a silently different run.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../model/errors.js";
import { isPlainObject } from "../model/merge.js";
import { showValue } from "../model/validate.js";
import type { Paradigm, RunConfig } from "../paradigms/types.js";

export const checkpointDirOf = (outDir: string) => `${resolve(outDir)}.checkpoint`;

export interface RunInfo {
  format: "shoulda-run";
  version: 1;
  config: RunConfig;
  /** The `record:` section as given (re-parsed on resume). */
  record?: Record<string, unknown>;
  checkpointEvery: number;
  force: boolean;
  report: boolean;
  argv: string[];
}

export interface Checkpoint {
  /** The paradigm and the SHA-256 of the resolved config that saved it (checked on resume). */
  paradigm: string;
  configSha256: string;
  /** Units done (trials for eyeblink and fear; each paradigm's unit in docs/recordings.md). */
  trialsDone: number;
  /** Length of recordings.ndjson at the checkpoint (0 without a recording). */
  recordingBytes: number;
  state: unknown;
}

/** Writes `text` to `path` durably and atomically (temp file, fsync, rename, fsync folder). */
function writeSyncAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    const bytes = Buffer.from(text, "utf8");
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dir = openSync(dirname(path), "r");
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Folders cannot be fsynced everywhere; the rename is still atomic.
  }
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/** The SHA-256 of a resolved config's JSON: a checkpoint is only resumed by the config that saved it. */
export const configSha256 = (config: RunConfig) => digest(JSON.stringify(config));

export class CheckpointDir {
  private constructor(readonly dir: string) {}

  get recordingPath(): string {
    return join(this.dir, "recordings.ndjson");
  }

  /** Starts the folder of a new run (an old one is removed: the caller has checked it may be). */
  static async create(outDir: string, info: RunInfo): Promise<CheckpointDir> {
    const dir = checkpointDirOf(outDir);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    writeSyncAtomic(join(dir, "run.json"), `${JSON.stringify(info, null, 2)}\n`);
    return new CheckpointDir(dir);
  }

  /** The folder of an unfinished run of `outDir`; a ConfigError naming `field` when there is none. */
  static open(outDir: string, field: string): CheckpointDir {
    const dir = checkpointDirOf(outDir);
    if (!existsSync(join(dir, "run.json"))) {
      const done = existsSync(resolve(outDir));
      throw new ConfigError(
        field,
        `got ${JSON.stringify(outDir)}: ${done ? "that run has finished (no" : "no"} ${dir}/run.json${done ? ")" : ""}; allowed: the --out folder of an unfinished run started with --checkpoint-every`,
      );
    }
    return new CheckpointDir(dir);
  }

  readInfo(): RunInfo {
    const path = join(this.dir, "run.json");
    const info = parseJson(path);
    const field = "run.json";
    if (!isPlainObject(info) || info.format !== "shoulda-run" || info.version !== 1)
      throw new ConfigError(
        `${field}.format`,
        `got ${showValue(isPlainObject(info) ? info.format : info)}; allowed: "shoulda-run" version 1`,
      );
    if (!isPlainObject(info.config) || typeof info.config.paradigm !== "string")
      throw new ConfigError(`${field}.config`, "allowed: a run config naming its paradigm");
    const every = info.checkpointEvery;
    if (typeof every !== "number" || !Number.isInteger(every) || every < 1)
      throw new ConfigError(
        `${field}.checkpointEvery`,
        `got ${showValue(every)}; allowed: an integer ≥ 1`,
      );
    for (const key of ["force", "report"] as const)
      if (typeof info[key] !== "boolean")
        throw new ConfigError(
          `${field}.${key}`,
          `got ${showValue(info[key])}; allowed: true or false`,
        );
    if (!Array.isArray(info.argv) || !info.argv.every((a) => typeof a === "string"))
      throw new ConfigError(`${field}.argv`, "allowed: a list of strings");
    return info as unknown as RunInfo;
  }

  /** Saves a checkpoint (synchronously: called from inside the run, between trials). */
  save(checkpoint: Checkpoint): void {
    const body = JSON.stringify(checkpoint);
    const text = `{"format":"shoulda-checkpoint","version":1,"sha256":"${digest(body)}","checkpoint":${body}}\n`;
    writeSyncAtomic(join(this.dir, "checkpoint.json"), text);
  }

  /**
   * The last checkpoint, or undefined when the run was stopped before its first one (it then
   * starts over). The SHA-256 must match the content: any edit is refused by name.
   */
  load(config: RunConfig): Checkpoint | undefined {
    const path = join(this.dir, "checkpoint.json");
    if (!existsSync(path)) return undefined;
    const text = readFileSync(path, "utf8");
    const m =
      /^\{"format":"shoulda-checkpoint","version":1,"sha256":"([0-9a-f]{64})","checkpoint":(.*)\}\n?$/s.exec(
        text,
      );
    if (!m)
      throw new ConfigError(
        "checkpoint",
        `${path} is not a shoulda checkpoint (format "shoulda-checkpoint", version 1); allowed: the file as shoulda wrote it`,
      );
    if (digest(m[2]) !== m[1])
      throw new ConfigError(
        "checkpoint.sha256",
        `does not match the content of ${path}: the checkpoint was edited or damaged after it was written; allowed: the file as shoulda wrote it`,
      );
    const checkpoint = JSON.parse(m[2]) as Record<string, unknown>;
    for (const key of ["trialsDone", "recordingBytes"] as const) {
      const v = checkpoint[key];
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
        throw new ConfigError(`checkpoint.${key}`, `got ${showValue(v)}; allowed: an integer ≥ 0`);
    }
    if (checkpoint.paradigm !== config.paradigm)
      throw new ConfigError(
        "checkpoint.paradigm",
        `got ${showValue(checkpoint.paradigm)}; allowed: ${JSON.stringify(config.paradigm)} (run.json's paradigm)`,
      );
    const sha = configSha256(config);
    if (checkpoint.configSha256 !== sha)
      throw new ConfigError(
        "checkpoint.configSha256",
        `got ${showValue(checkpoint.configSha256)}; allowed: ${sha} (the SHA-256 of run.json's config): the checkpoint was saved by another config`,
      );
    return checkpoint as unknown as Checkpoint;
  }

  /** Removes the folder once the run's output is published. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function parseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigError(path, `cannot read it as JSON (${(e as Error).message})`);
  }
}

/** "trial 20", "3 windows": what a checkpoint's count means for this paradigm. */
export function unitsText(paradigm: Paradigm, done: number): string {
  const unit = paradigm.checkpointUnit ?? "trial";
  return `${unit} ${done}`;
}
