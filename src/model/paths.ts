/** Dotted paths into plain config objects, for `--set path=value`. */

import { ConfigError } from "./errors.js";
import { didYouMean } from "./suggest.js";

type Plain = Record<string, unknown> | unknown[];

/** Split "a.b[2].c" or "a.b.2.c" into keys. */
export function splitPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match || (match[1] === "" && match[2] === ""))
      throw new ConfigError("--set", `malformed path "${path}"`);
    if (match[1] !== "") keys.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/** Every leaf path of a plain object ("model.granule.count", "experiment.phases[0].trials", …). */
export function leafPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => leafPaths(v, `${prefix}[${i}]`));
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

/** Parse a --set value: JSON if it parses (numbers, booleans, lists), else the raw string. */
export function parseSetValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Set `path` to `value` in a deep copy of `config`. The path must already exist (every leaf of
 * the resolved config is settable); otherwise a ConfigError lists the valid paths.
 */
export function setPath<T>(config: T, path: string, value: unknown): T {
  const copy = structuredClone(config) as Plain;
  const keys = splitPath(path);
  let node: unknown = copy;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const ok =
      node !== null &&
      typeof node === "object" &&
      (Array.isArray(node)
        ? typeof key === "number" && key < node.length
        : Object.hasOwn(node, key));
    if (!ok) {
      const valid = leafPaths(config);
      const shown =
        valid.length > 60 ? [...valid.slice(0, 60), `… (${valid.length - 60} more)`] : valid;
      throw new ConfigError(
        `--set ${path}`,
        `unknown path${didYouMean(path, valid)}; valid paths:\n  ${shown.join("\n  ")}`,
      );
    }
    if (i === keys.length - 1) (node as Record<string | number, unknown>)[key] = value;
    else node = (node as Record<string | number, unknown>)[key];
  }
  return copy as T;
}
