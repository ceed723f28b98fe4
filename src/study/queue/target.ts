/**
 * Where a study queue lives: `--queue redis://HOST:PORT[/DB]` (or rediss:// for TLS) and
 * `--queue-name`. Parsing only, so the CLI can validate flags without loading a Redis client.
 */
import { ConfigError } from "../../model/errors.js";

export const URL_ALLOWED =
  "a Redis URL redis://HOST:PORT (or rediss:// for TLS, /DB for a database number)";
const NAME_ALLOWED = "1–64 letters, digits, '.', '_' or '-'";
/** The queue workers listen on unless told otherwise. */
export const DEFAULT_QUEUE_NAME = "shoulda";

export interface QueueTarget {
  url: string;
  name: string;
}

/** Validates --queue and --queue-name. */
export function parseQueueTarget(url: string, name = DEFAULT_QUEUE_NAME): QueueTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError("--queue", `got ${JSON.stringify(url)}; allowed: ${URL_ALLOWED}`);
  }
  if (
    !/^rediss?:$/.test(parsed.protocol) ||
    !parsed.hostname ||
    !/^(\/\d*)?$/.test(parsed.pathname)
  )
    throw new ConfigError("--queue", `got ${JSON.stringify(url)}; allowed: ${URL_ALLOWED}`);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
    throw new ConfigError("--queue-name", `got ${JSON.stringify(name)}; allowed: ${NAME_ALLOWED}`);
  return { url, name };
}

/** The URL without its password, for messages. */
export function showUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString().replace(/\/$/, "");
}
