/**
 * Zod validation whose errors name the field, the value given and what is allowed:
 *   experiment.phases[0].trials: got -3; allowed: an integer 1..1000000
 * Schemas may register their own "allowed" wording with `allow()`; otherwise it is built from
 * the zod issue (type, range, enum values, known keys).
 */
import type * as z from "zod";
import { ConfigError } from "./errors.js";

/** "Allowed" text per schema instance, read back by the error map. */
const ALLOWED = new WeakMap<object, string>();

/** Registers the allowed-values text (and a JSON-Schema description) for a schema. */
export function allow<T extends z.ZodType>(schema: T, allowed: string, doc?: string): T {
  const described = (doc ? schema.describe(doc) : schema) as T;
  ALLOWED.set(described, allowed);
  return described;
}

/** A short, safe rendering of a user value for messages. */
export function showValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "bigint") return `${v}n (a bigint)`;
  if (v === null || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? "" : "s"}`;
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Dotted path with [i] for indices and ["…"] for keys that are not identifiers. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key))
      out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

type RawIssue = z.core.$ZodRawIssue;

function shapeKeys(schema: unknown): string[] {
  const def = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } })?._zod?.def;
  return def?.shape ? Object.keys(def.shape) : [];
}

function bound(iss: RawIssue, relation: string, limit: unknown): string {
  const integer =
    (iss as { origin?: string }).origin === "int" || (iss.inst as { isInt?: boolean })?.isInt;
  const what =
    (iss as { origin?: string }).origin === "array"
      ? "a list of length"
      : integer
        ? "an integer"
        : "a number";
  return `${what} ${relation} ${String(limit)}`;
}

/** What is allowed, from the registered text, or a description built from the issue. */
function allowedText(iss: RawIssue): string {
  const registered = (iss.schema && ALLOWED.get(iss.schema)) ?? (iss.inst && ALLOWED.get(iss.inst));
  if (registered) return registered;
  const range = iss as { minimum?: unknown; maximum?: unknown; inclusive?: boolean };
  if (iss.code === "too_small") return bound(iss, range.inclusive ? "≥" : ">", range.minimum);
  if (iss.code === "too_big") return bound(iss, range.inclusive ? "≤" : "<", range.maximum);
  const keys = shapeKeys(iss.schema ?? iss.inst);
  if (keys.length > 0) return `an object with keys ${keys.join(", ")}`;
  if (iss.code === "invalid_type") {
    const names: Record<string, string> = {
      int: "an integer",
      number: "a number",
      string: "a string",
      boolean: "true or false",
      object: "an object",
      array: "a list",
    };
    return names[String(iss.expected)] ?? `a value of type ${String(iss.expected)}`;
  }
  return "see the schema";
}

/** Zod error map: every message is "got X; allowed: Y" (or a list of allowed keys). */
export function issueDetail(iss: RawIssue): string {
  if (iss.code === "unrecognized_keys") {
    const keys = (iss.keys as string[]).map((k) => JSON.stringify(k)).join(", ");
    const plural = iss.keys.length === 1 ? "key" : "keys";
    return `unknown ${plural} ${keys}; allowed keys: ${shapeKeys(iss.schema ?? iss.inst).join(", ")}`;
  }
  if (iss.code === "invalid_value") {
    const values = (iss.values as unknown[]).map((v) => JSON.stringify(v)).join(", ");
    return `got ${showValue(iss.input)}; allowed: one of ${values}`;
  }
  if (iss.input === undefined) return `missing (required); allowed: ${allowedText(iss)}`;
  return `got ${showValue(iss.input)}; allowed: ${allowedText(iss)}`;
}

/** The first zod issue as a ConfigError naming the full field path. */
export function toConfigError(root: string, error: z.ZodError): ConfigError {
  const iss = error.issues[0];
  const path = [...iss.path];
  // Point unknown keys at the key itself, so the field names what to remove.
  if (iss.code === "unrecognized_keys" && iss.keys.length > 0) path.push(iss.keys[0]);
  return new ConfigError(formatPath(root, path) || root || "config", iss.message);
}

/** Parse `value` with `schema`, or throw a ConfigError for the first problem found. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: string,
): z.output<S> {
  const result = schema.safeParse(value, { error: issueDetail });
  if (!result.success) throw toConfigError(root, result.error);
  return result.data;
}
