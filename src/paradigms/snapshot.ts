/**
 * A run's whole state as plain JSON, and back, without a hand-written save/restore per paradigm.
 *
 * `snapshotState(root)` walks the object graph a paradigm's `start()` built (modules, worlds,
 * RNGs, cursors, results so far) and writes every value it holds; `restoreState(fresh, saved)`
 * walks a freshly started graph of the same config beside the saved one and puts the saved
 * values back. Class instances and typed arrays are restored **in place** (a kernel or a view
 * into WebAssembly memory keeps pointing at the same array); plain objects, arrays, Maps and Sets
 * are rebuilt (so a shared constant such as an optics preset is never written into). An object
 * reached twice is saved once and restored as the same object (`$ref`).
 *
 * What it cannot see: functions and objects holding functions (stimulus generators, callbacks)
 * are left as `start()` built them, so a paradigm re-sets them at the start of each unit, and
 * state hidden in closures is invisible (the byte-compare tests of each paradigm catch it).
 *
 * Validated on restore, naming the path (`checkpoint.state.brain.purkinje.w`): the same classes
 * and keys as the fresh graph, typed arrays of the same kind and length, finite numbers where the
 * fresh run holds finite ones, and RNG words that are 32-bit integers.
 *
 * Typed arrays under a field a class lists in BUILT_FROM_SEED (kernels/kernel.ts: wiring its
 * constructor draws from the seed) are saved as a hash only (`$: "seed"`); the restore keeps the
 * freshly built array and refuses, naming the path, when its hash differs from the saved one.
 */

import { BUILT_FROM_SEED, NOT_RUN_STATE } from "../kernels/kernel.js";
import { BASE64, bytesOfBase64, toBase64 } from "../model/base64.js";
import { ConfigError } from "../model/errors.js";
import { showValue } from "../model/validate.js";

type Typed =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Uint8ClampedArray;

const TYPED: Record<string, new (n: number) => Typed> = {
  Float32Array,
  Float64Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Uint32Array,
  Uint8ClampedArray,
};

/** A tagged value: everything that is not a finite number, string, boolean, null or array. */
type Tagged =
  | { $: "num"; v: "NaN" | "Infinity" | "-Infinity" | "-0" }
  | { $: "undef" }
  | { $: "keep" }
  | { $: "ref"; v: string }
  | { $: "ta"; t: string; v: string }
  | { $: "seed"; t: string; n: number; h: string }
  | { $: "obj"; v: Record<string, unknown> }
  | { $: "inst"; c: string; v: Record<string, unknown> }
  | { $: "map"; v: [unknown, unknown][] }
  | { $: "set"; v: unknown[] };

const isTyped = (x: unknown): x is Typed => ArrayBuffer.isView(x) && !(x instanceof DataView);

const isPlain = (x: object) => {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
};

/**
 * Behaviour, not state: a function, a plain object holding one, or machinery marked
 * NOT_RUN_STATE (a kernel); each is left as `start()` built it.
 */
const isBehaviour = (x: unknown): boolean =>
  typeof x === "function" ||
  (typeof x === "object" && x !== null && NOT_RUN_STATE in x) ||
  (typeof x === "object" &&
    x !== null &&
    isPlain(x) &&
    Object.values(x).some((v) => typeof v === "function"));

/**
 * FNV-1a 64 over a typed array's bytes, as 16 hex digits. The 64-bit multiply by the prime
 * 2^40 + 0x1b3 is split into 32-bit halves so it runs without BigInt (fast enough for MBs).
 */
export function hashBytes(a: Typed): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ bytes[i]) >>> 0;
    const t = lo * 0x1b3; // < 2^41: exact in a double
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + Math.floor(t / 0x100000000)) >>> 0;
    lo = t >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

function encodeNumber(x: number): unknown {
  if (Number.isNaN(x)) return { $: "num", v: "NaN" };
  if (x === Number.POSITIVE_INFINITY) return { $: "num", v: "Infinity" };
  if (x === Number.NEGATIVE_INFINITY) return { $: "num", v: "-Infinity" };
  if (Object.is(x, -0)) return { $: "num", v: "-0" };
  return x;
}

/** The state under `root` as JSON-serialisable data. */
export function snapshotState(root: object): unknown {
  const seen = new Map<object, string>();
  // `seed`: under a BUILT_FROM_SEED field, where typed arrays are saved as hashes.
  const walk = (x: unknown, path: string, seed = false): unknown => {
    if (x === undefined) return { $: "undef" };
    if (x === null || typeof x === "string" || typeof x === "boolean") return x;
    if (typeof x === "number") return encodeNumber(x);
    if (typeof x === "bigint" || typeof x === "symbol")
      throw new Error(`snapshotState: cannot save the ${typeof x} at ${path}`);
    if (isBehaviour(x)) return { $: "keep" };
    const obj = x as object;
    const before = seen.get(obj);
    if (before !== undefined) return { $: "ref", v: before };
    seen.set(obj, path);
    if (isTyped(obj) && seed)
      return { $: "seed", t: obj.constructor.name, n: obj.length, h: hashBytes(obj) };
    if (isTyped(obj)) {
      const bytes = new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength);
      return { $: "ta", t: obj.constructor.name, v: toBase64(bytes) };
    }
    if (Array.isArray(obj)) return obj.map((v, i) => walk(v, `${path}[${i}]`, seed));
    if (obj instanceof Map)
      return {
        $: "map",
        v: [...obj.entries()].map(([k, v], i) => [
          walk(k, `${path}.key${i}`),
          walk(v, `${path}.value${i}`, seed),
        ]),
      };
    if (obj instanceof Set)
      return { $: "set", v: [...obj].map((v, i) => walk(v, `${path}{${i}}`, seed)) };
    const fields: Record<string, unknown> = {};
    const built = (obj as { [BUILT_FROM_SEED]?: readonly string[] })[BUILT_FROM_SEED];
    for (const [k, v] of Object.entries(obj))
      if (typeof v !== "function")
        fields[k] = walk(v, `${path}.${k}`, seed || (built?.includes(k) ?? false));
    return isPlain(obj)
      ? { $: "obj", v: fields }
      : { $: "inst", c: obj.constructor.name, v: fields };
  };
  return walk(root, "");
}

const bad = (field: string, got: unknown, allowed: string) =>
  new ConfigError(field, `got ${showValue(got)}; allowed: ${allowed}`);

const isTag = (x: unknown): x is Tagged =>
  typeof x === "object" && x !== null && !Array.isArray(x) && typeof (x as Tagged).$ === "string";

function decodeTyped(tag: { t?: unknown; v?: unknown }, field: string): Typed {
  const make = typeof tag.t === "string" ? TYPED[tag.t] : undefined;
  if (!make) throw bad(`${field}.t`, tag.t, Object.keys(TYPED).join(", "));
  const text = tag.v;
  if (typeof text !== "string" || text.length % 4 !== 0 || !BASE64.test(text))
    throw bad(`${field}.v`, text, "a base64 string");
  const bytes = bytesOfBase64(text);
  const width = new make(0).BYTES_PER_ELEMENT;
  if (bytes.length % width !== 0)
    throw new ConfigError(
      `${field}.v`,
      `has ${bytes.length} bytes; allowed: a multiple of ${width} (${tag.t})`,
    );
  const out = new make(bytes.length / width);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

const allFinite = (a: Typed) => {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
};

/** Per-class checks beyond shape: an RNG's words must be 32-bit integers (sfc32, model/rng.ts). */
function checkClass(name: string, fields: Record<string, unknown>, field: string): void {
  if (name !== "Rng") return;
  for (const k of ["a", "b", "c", "d"]) {
    const v = fields[k];
    if (typeof v !== "number" || !Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 32)
      throw bad(`${field}.${k}`, v, "a 32-bit integer (an RNG word)");
  }
  const spare = fields.spare;
  if (spare !== null && (typeof spare !== "number" || !Number.isFinite(spare)))
    throw bad(`${field}.spare`, spare, "null or a finite number (a cached normal deviate)");
}

/**
 * Puts `saved` (from snapshotState of a run of the same config) back into `fresh` (a newly
 * started run's state), in place; a ConfigError names the first path that does not fit.
 */
export function restoreState(fresh: object, saved: unknown, field = "state"): void {
  const done = new Map<string, unknown>();
  const walk = (s: unknown, f: unknown, path: string, name: string, strict: boolean): unknown => {
    if (s === null || typeof s === "string" || typeof s === "boolean") return s;
    if (typeof s === "number") {
      if (!Number.isFinite(s)) throw bad(name, s, "a finite number");
      return s;
    }
    if (Array.isArray(s)) {
      const template = Array.isArray(f) ? f : [];
      const out: unknown[] = [];
      done.set(path, out);
      s.forEach((v, i) => {
        out.push(walk(v, template[i], `${path}[${i}]`, `${name}[${i}]`, false));
      });
      return out;
    }
    if (!isTag(s)) throw bad(name, s, "a value saved by shoulda (tagged with $)");
    switch (s.$) {
      case "undef":
        return undefined;
      case "keep":
        return f;
      case "num": {
        const v = { NaN: Number.NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 }[s.v];
        if (v === undefined) throw bad(`${name}.v`, s.v, "NaN, Infinity, -Infinity, -0");
        // A model value that a fresh run holds finite must stay finite (a tampered NaN would spread).
        if (strict && !Object.is(v, -0) && typeof f === "number" && Number.isFinite(f))
          throw bad(name, s.v, "a finite number (the fresh run holds one here)");
        return v;
      }
      case "ref": {
        if (typeof s.v !== "string" || !done.has(s.v))
          throw bad(`${name}.v`, s.v, "the path of a value saved before it");
        return done.get(s.v);
      }
      case "ta": {
        const a = decodeTyped(s, name);
        if (isTyped(f)) {
          if (f.constructor.name !== s.t || f.length !== a.length)
            throw bad(
              name,
              `${s.t} of ${a.length}`,
              `${f.constructor.name} of ${f.length} (as the run's config builds it)`,
            );
          if (!a.every((x) => Number.isFinite(x)) && allFinite(f))
            throw bad(name, "a non-finite entry", "finite numbers (the fresh run holds them here)");
          f.set(a as never);
          done.set(path, f);
          return f;
        }
        if (strict && f !== undefined && f !== null)
          throw bad(name, `${s.t}`, `${showValue(f)} (as the run's config builds it)`);
        done.set(path, a);
        return a;
      }
      case "seed": {
        // Wiring the resumed run built again: kept, if it is the wiring the checkpoint was made with.
        if (!isTyped(f) || f.constructor.name !== s.t || f.length !== s.n)
          throw bad(
            name,
            `${String(s.t)} of ${String(s.n)} built from the seed`,
            `${isTyped(f) ? `${f.constructor.name} of ${f.length}` : showValue(f)} (as the run's config builds it)`,
          );
        const h = hashBytes(f);
        if (s.h !== h)
          throw new ConfigError(
            `${name}.h`,
            `got ${showValue(s.h)}; allowed: ${h} (the hash of the wiring this run built from the seed): the checkpoint was made by a version or platform that builds other wiring`,
          );
        done.set(path, f);
        return f;
      }
      case "obj": {
        if (typeof s.v !== "object" || s.v === null) throw bad(`${name}.v`, s.v, "an object");
        const out: Record<string, unknown> = {};
        done.set(path, out);
        const template = typeof f === "object" && f !== null ? (f as Record<string, unknown>) : {};
        for (const [k, v] of Object.entries(s.v))
          out[k] = walk(v, template[k], `${path}.${k}`, `${name}.${k}`, false);
        return out;
      }
      case "inst": {
        if (typeof f !== "object" || f === null || f.constructor.name !== s.c)
          throw bad(
            name,
            `an instance of ${String(s.c)}`,
            `${f === null || typeof f !== "object" ? showValue(f) : `an instance of ${f.constructor.name}`} (as the run's config builds it)`,
          );
        if (typeof s.v !== "object" || s.v === null) throw bad(`${name}.v`, s.v, "an object");
        const target = f as Record<string, unknown>;
        done.set(path, target);
        const keys = Object.keys(target).filter((k) => typeof target[k] !== "function");
        const savedKeys = Object.keys(s.v);
        const missing = keys.filter((k) => !(k in s.v));
        const extra = savedKeys.filter((k) => !keys.includes(k));
        if (missing.length || extra.length)
          throw new ConfigError(
            name,
            `has ${extra.length ? `unknown fields ${extra.join(", ")}` : `no ${missing.join(", ")}`}; allowed: the fields of ${s.c} (${keys.join(", ")})`,
          );
        checkClass(s.c, s.v, name);
        for (const k of savedKeys)
          target[k] = walk(s.v[k], target[k], `${path}.${k}`, `${name}.${k}`, true);
        return target;
      }
      case "map": {
        if (!Array.isArray(s.v)) throw bad(`${name}.v`, s.v, "a list of [key, value]");
        const out = new Map();
        done.set(path, out);
        const template = f instanceof Map ? f : new Map();
        s.v.forEach((pair, i) => {
          if (!Array.isArray(pair) || pair.length !== 2)
            throw bad(`${name}.v[${i}]`, pair, "[key, value]");
          const k = walk(pair[0], undefined, `${path}.key${i}`, `${name}.v[${i}][0]`, false);
          out.set(
            k,
            walk(pair[1], template.get(k), `${path}.value${i}`, `${name}.v[${i}][1]`, false),
          );
        });
        return out;
      }
      case "set": {
        if (!Array.isArray(s.v)) throw bad(`${name}.v`, s.v, "a list");
        const out = new Set();
        done.set(path, out);
        s.v.forEach((v, i) => {
          out.add(walk(v, undefined, `${path}{${i}}`, `${name}.v[${i}]`, false));
        });
        return out;
      }
      default:
        throw bad(
          `${name}.$`,
          (s as { $: unknown }).$,
          "num, undef, keep, ref, ta, seed, obj, inst, map, set",
        );
    }
  };
  if (!isTag(saved) || (saved.$ !== "inst" && saved.$ !== "obj"))
    throw bad(field, saved, "a saved run state (an object tagged inst or obj)");
  // The root is restored in place whatever it is, so the caller's object is the restored run.
  const root = fresh as Record<string, unknown>;
  done.set("", root);
  const fields = saved.v as Record<string, unknown>;
  if (typeof fields !== "object" || fields === null) throw bad(`${field}.v`, fields, "an object");
  const keys = Object.keys(root).filter((k) => typeof root[k] !== "function");
  for (const k of keys)
    if (!(k in fields))
      throw new ConfigError(`${field}.${k}`, "is missing; allowed: the saved run state");
  for (const k of Object.keys(fields)) {
    if (!keys.includes(k))
      throw new ConfigError(`${field}.${k}`, "is not a field of this run's state");
    root[k] = walk(fields[k], root[k], `.${k}`, `${field}.${k}`, true);
  }
}
