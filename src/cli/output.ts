/**
 * The CLI's face of io/atomic.ts: an output path that exists, is blocked, or is being written by
 * another run becomes a ConfigError naming the option (exit 2), with what to do about it.
 */
import { LockedError, OutputError } from "../io/atomic.js";
import { ConfigError } from "../model/errors.js";

/** Rethrows an OutputError or LockedError about `path` as a ConfigError of `field`; others as they are. */
export function asConfigError(
  err: unknown,
  field: string,
  path: string,
  force = "add --force",
): unknown {
  const got = `got ${JSON.stringify(path)}`;
  if (err instanceof LockedError) {
    const pid = err.holder === undefined ? "" : ` (pid ${err.holder})`;
    return new ConfigError(
      field,
      `${got}, which another shoulda run is writing${pid}; allowed: a path no other run is writing (if none is running, remove ${err.target}.lock)`,
    );
  }
  if (err instanceof OutputError) {
    const what =
      err.reason === "exists"
        ? `allowed: a path that does not exist yet (or an empty folder), or ${force} to replace it`
        : "allowed: a path where nothing else is in the way";
    return new ConfigError(field, `${got}: ${err.message}; ${what}`);
  }
  return err;
}

/**
 * Awaits `step` (opening or committing an output), turning output errors into ConfigErrors of
 * `field`; `force` says how to ask for a replacement (the library's option is `force: true`).
 */
export async function outputStep<T>(
  field: string,
  path: string,
  step: () => Promise<T>,
  force?: string,
): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw asConfigError(err, field, path, force);
  }
}
