/**
 * Connections to the queue's Redis. connect() is checked once, up front, so a typo or a server
 * that is down is a clear error (exit 2) before any folder is written or any job is taken.
 */
import { Redis } from "ioredis";
import { ConfigError } from "../../model/errors.js";
import { type QueueTarget, showUrl, URL_ALLOWED } from "./target.js";

/**
 * A plain client for shoulda's own keys (the queue's version). It fails fast instead of
 * retrying forever, so an unreachable server is reported as `--queue: cannot reach …`.
 */
export async function connect(target: QueueTarget): Promise<Redis> {
  const client = new Redis(target.url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  client.on("error", () => {}); // reported by connect() below; later errors surface per command
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    const why = e instanceof Error ? e.message : String(e);
    throw new ConfigError(
      "--queue",
      `cannot reach ${showUrl(target.url)} (${why}); allowed: ${URL_ALLOWED} of a running Redis server`,
    );
  }
  return client;
}

/**
 * BullMQ's connection options: its blocking worker connection must retry forever
 * (maxRetriesPerRequest null), so a Redis restart pauses a worker instead of killing it.
 */
export function bullConnection(target: QueueTarget) {
  return { url: target.url, maxRetriesPerRequest: null };
}
