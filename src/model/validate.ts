/** Zod validation with errors that name the field, the value given and what is allowed. */
import type { z } from "zod";
import { ConfigError } from "./errors.js";

function joinPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = value;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** What a zod issue allows, in words. */
function allowed(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `${issue.origin === "array" ? "a list of length" : "a number"} ${issue.inclusive ? "≥" : ">"} ${issue.minimum}${issue.origin === "int" ? " (integer)" : ""}`;
    case "too_big":
      return `${issue.origin === "array" ? "a list of length" : "a number"} ${issue.inclusive ? "≤" : "<"} ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/** Parse `value` with `schema`, or throw a ConfigError for the first problem found. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue.code === "unrecognized_keys") {
    const field = joinPath(root, [...issue.path, issue.keys[0]]);
    return failUnknownKey(field, schema, issue.path);
  }
  const field = joinPath(root, issue.path);
  const given = valueAt(value, issue.path);
  throw new ConfigError(field, `got ${show(given)}; allowed: ${allowed(issue)}`);
}

/** Names of the keys an object schema accepts at `path`, for "unknown key" errors. */
function knownKeys(schema: unknown, path: readonly PropertyKey[]): string[] {
  let s = schema as { def?: Record<string, unknown>; shape?: Record<string, unknown> };
  for (const key of [...path, null]) {
    // Unwrap defaults/optionals/prefaults to reach the object.
    while (s?.def && !s.shape && s.def.innerType) s = s.def.innerType as typeof s;
    if (key === null) break;
    if (s?.shape && typeof key === "string") s = s.shape[key] as typeof s;
    else if (s?.def?.element) s = s.def.element as typeof s;
    else return [];
  }
  return s?.shape ? Object.keys(s.shape) : [];
}

function failUnknownKey(field: string, schema: unknown, path: readonly PropertyKey[]): never {
  const keys = knownKeys(schema, path);
  throw new ConfigError(field, `unknown field; allowed: ${keys.length ? keys.join(", ") : "(none)"}`);
}
