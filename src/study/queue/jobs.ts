/**
 * What travels through the queue. A job is one study cell; its id joins a hash of the study with
 * the run id, so enqueueing a run that is already queued is a no-op and each study's jobs are
 * recognisable in a shared queue.
 */
import { createHash } from "node:crypto";
import type { RunConfig } from "../../paradigms/types.js";
import type { RunResult } from "../db.js";

export interface JobData {
  /** The shoulda version that planned the run; a worker of another version refuses it. */
  version: string;
  study: string;
  runId: string;
  config: RunConfig;
}

/** A worker's answer: the run's result or its error, and where and how long it ran. */
export type JobResult = ({ ok: true; result: RunResult } | { ok: false; error: string }) & {
  startedAt: number;
  seconds: number;
  worker: string;
};

/** 16 hex digits of the study key's SHA-256: short, and unique in practice. */
export const studyHash = (key: string) =>
  createHash("sha256").update(key).digest("hex").slice(0, 16);

export const jobId = (study: string, runId: string) => `${study}-${runId}`;

/**
 * How long a job stays claimed by a worker that stopped renewing its lock (it died, or lost
 * Redis) before another worker takes it over. Workers renew every half of it from a main
 * thread the simulation never blocks (runs go to worker threads), so it only has to outlast
 * network hiccups and pauses, not a run.
 */
export const DEFAULT_LOCK_SECONDS = 30;
/** A job is retried after this many worker deaths, and failed at the next (it may kill workers). */
export const MAX_STALLED = 3;

/** Redis key holding the shoulda version a queue's jobs were planned with. */
export const versionKey = (queueName: string) => `shoulda:${queueName}:version`;
