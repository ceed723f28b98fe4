/**
 * Parameter forms generated from a paradigm's config schema (the JSON Schema that zod emits)
 * and its resolved defaults: objects become collapsible groups, numbers, booleans, enums and
 * strings become inputs with their ranges and descriptions, lists and free-form values become
 * YAML boxes. A field's path is the same dotted path `shoulda run --set` takes.
 */
import { parse as parseYaml, stringify as toYaml } from "yaml";

type Json = Record<string, unknown>;

export interface FieldSpec {
  path: string;
  kind: "number" | "integer" | "boolean" | "enum" | "string" | "yaml";
  description: string;
  defaultValue: unknown;
  options?: string[];
  min?: number;
  max?: number;
}

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The schema node to use: unwraps anyOf/oneOf (first object-ish or typed branch). */
function unwrap(node: unknown): Json {
  if (!isObject(node)) return {};
  for (const key of ["anyOf", "oneOf"] as const) {
    const list = node[key];
    if (Array.isArray(list)) {
      const pick = list.find((n) => isObject(n) && n.type !== "null") ?? list[0];
      return { ...unwrap(pick), description: node.description ?? (pick as Json)?.description };
    }
  }
  return node;
}

function child(schema: Json, key: string): Json {
  const props = schema.properties;
  return isObject(props) ? unwrap(props[key]) : {};
}

/** Deep equality of plain JSON values. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every form field of a config (in display order), with its schema facts. */
export function fieldSpecs(
  schema: Json | null,
  defaults: Json,
  descriptions: Record<string, string>,
  skip: (path: string) => boolean,
): FieldSpec[] {
  const out: FieldSpec[] = [];
  const walk = (node: Json, value: unknown, path: string) => {
    if (isObject(value)) {
      const keys = isObject(node.properties) ? Object.keys(node.properties) : [];
      for (const k of Object.keys(value)) if (!keys.includes(k)) keys.push(k);
      for (const k of keys) {
        if (!(k in value)) continue;
        const p = path ? `${path}.${k}` : k;
        if (skip(p)) continue;
        walk(child(node, k), value[k], p);
      }
      return;
    }
    const description =
      descriptions[path] ?? (typeof node.description === "string" ? node.description : "");
    const base = { path, description, defaultValue: value };
    const range = {
      min: typeof node.minimum === "number" ? node.minimum : undefined,
      max: typeof node.maximum === "number" ? node.maximum : undefined,
    };
    if (Array.isArray(node.enum) && node.enum.every((e) => typeof e === "string")) {
      out.push({ ...base, kind: "enum", options: node.enum as string[] });
    } else if (typeof value === "boolean") {
      out.push({ ...base, kind: "boolean" });
    } else if (typeof value === "number") {
      out.push({ ...base, kind: node.type === "integer" ? "integer" : "number", ...range });
    } else if (typeof value === "string") {
      out.push({ ...base, kind: "string" });
    } else {
      out.push({ ...base, kind: "yaml" });
    }
  };
  walk(schema ?? {}, defaults, "");
  return out;
}

function getPath(obj: unknown, path: string): unknown {
  let node = obj;
  for (const k of path.split(".")) node = isObject(node) ? node[k] : undefined;
  return node;
}

export { getPath };

export interface FormHandle {
  /** Shows a validation message on a field (or clears all messages with null). */
  setError(path: string | null, message?: string): void;
  /** Sets a field's displayed value (e.g. after an import). */
  setValue(path: string, value: unknown): void;
}

const text = (v: unknown) => (typeof v === "string" ? v : toYaml(v).trimEnd());

/**
 * Builds the form into `root`. `onChange(path, value)` is called with parsed values (or with an
 * Error for unparsable YAML). Groups nest by path segment; the top level's first groups open.
 */
export function buildForm(
  root: HTMLElement,
  specs: FieldSpec[],
  values: Record<string, unknown>,
  onChange: (path: string, value: unknown) => void,
): FormHandle {
  root.innerHTML = "";
  const groups = new Map<string, HTMLElement>([["", root]]);
  const groupFor = (path: string): HTMLElement => {
    const parts = path.split(".");
    parts.pop();
    let key = "";
    let parent = root;
    for (const part of parts) {
      key = key ? `${key}.${part}` : part;
      let g = groups.get(key);
      if (!g) {
        const details = document.createElement("details");
        details.className = "group";
        details.dataset.group = key;
        if (!key.includes(".") && key !== "model") details.open = true;
        const summary = document.createElement("summary");
        summary.textContent = part;
        details.append(summary);
        parent.append(details);
        g = details;
        groups.set(key, g);
      }
      parent = g;
    }
    return parent;
  };

  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  const rows = new Map<string, HTMLElement>();
  for (const spec of specs) {
    const row = document.createElement("div");
    row.className = "field";
    row.dataset.path = spec.path;
    const id = `f-${spec.path.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = spec.path.split(".").pop() ?? spec.path;
    label.title = spec.path;
    let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const value = spec.path in values ? values[spec.path] : spec.defaultValue;
    if (spec.kind === "enum") {
      const select = document.createElement("select");
      for (const o of spec.options ?? []) select.add(new Option(o, o));
      select.value = String(value);
      input = select;
    } else if (spec.kind === "boolean") {
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = Boolean(value);
      input = box;
    } else if (spec.kind === "yaml") {
      const area = document.createElement("textarea");
      area.rows = Math.min(8, text(value).split("\n").length + 1);
      area.value = text(value);
      area.spellcheck = false;
      input = area;
    } else {
      const box = document.createElement("input");
      box.type = spec.kind === "string" ? "text" : "number";
      if (spec.kind !== "string") {
        box.step = spec.kind === "integer" ? "1" : "any";
        if (spec.min !== undefined) box.min = String(spec.min);
        if (spec.max !== undefined && spec.max < 1e15) box.max = String(spec.max);
      }
      box.value = String(value);
      input = box;
    }
    input.id = id;
    input.name = spec.path;
    input.dataset.path = spec.path;
    input.title = spec.description ? `${spec.path}: ${spec.description}` : spec.path;
    const read = (): unknown => {
      if (spec.kind === "boolean") return (input as HTMLInputElement).checked;
      if (spec.kind === "number" || spec.kind === "integer") {
        const s = input.value.trim();
        return s === "" ? Number.NaN : Number(s);
      }
      if (spec.kind === "yaml") {
        try {
          return parseYaml(input.value);
        } catch (e) {
          return e instanceof Error ? e : new Error(String(e));
        }
      }
      return input.value;
    };
    input.addEventListener("change", () => {
      const v = read();
      row.classList.toggle("changed", !(v instanceof Error) && !same(v, spec.defaultValue));
      onChange(spec.path, v);
    });
    row.classList.toggle("changed", !same(value, spec.defaultValue));
    const desc = document.createElement("div");
    desc.className = "desc";
    desc.textContent = spec.description;
    const err = document.createElement("div");
    err.className = "error";
    row.append(label, input, desc, err);
    groupFor(spec.path).append(row);
    inputs.set(spec.path, input);
    rows.set(spec.path, row);
  }

  return {
    setError(path, message) {
      for (const row of root.querySelectorAll(".field.invalid")) {
        row.classList.remove("invalid");
        const e = row.querySelector(".error");
        if (e) e.textContent = "";
      }
      if (path === null) return;
      // The nearest field at or above the error's path ("model.granule.count", "conditions[0]…").
      let p = path.replace(/\[\d+\].*$/, "");
      while (p && !rows.has(p)) p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "";
      const row = rows.get(p);
      if (!row) return;
      row.classList.add("invalid");
      const e = row.querySelector(".error");
      if (e) e.textContent = message ?? "";
      for (let el = row.parentElement; el && el !== root; el = el.parentElement) {
        if (el instanceof HTMLDetailsElement) el.open = true;
      }
    },
    setValue(path, value) {
      const input = inputs.get(path);
      const spec = specs.find((s) => s.path === path);
      if (!input || !spec) return;
      if (spec.kind === "boolean") (input as HTMLInputElement).checked = Boolean(value);
      else if (spec.kind === "yaml") input.value = text(value);
      else input.value = String(value);
      rows.get(path)?.classList.toggle("changed", !same(value, spec.defaultValue));
    },
  };
}
