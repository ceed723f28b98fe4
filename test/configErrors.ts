import { ConfigError } from "../src/model/errors.js";

/** The field a ConfigError names, or a note that something else (or nothing) was thrown. */
export function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ConfigError ? e.field : `not a ConfigError: ${String(e)}`;
  }
  return undefined;
}
