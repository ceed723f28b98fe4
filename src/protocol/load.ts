/**
 * Reading experiment files (JSON or YAML text) into plain values for parseExperiment, and
 * telling a design string apart from a file path or paradigm name on the command line.
 */
import { parseDocument } from "yaml";
import { ConfigError } from "../model/errors.js";
import { formatPath } from "../model/validate.js";

/** 1-based line and column of a UTF-16 offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/**
 * Finds where JSON text stops being valid, with what was expected there. Only run after
 * JSON.parse has failed: V8's messages do not always carry a position.
 */
function locateJsonError(text: string): { offset: number; expected: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  class Stop {
    constructor(readonly expected: string) {}
  }
  const need = (ch: string, what: string) => {
    ws();
    if (text[i] !== ch) throw new Stop(what);
    i++;
  };
  const string = () => {
    if (text[i] !== '"') throw new Stop("a string");
    i++;
    for (;;) {
      if (i >= text.length) throw new Stop('a closing "');
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c < " ") throw new Stop("no raw control characters in a string (use \\n, \\t)");
      if (c === "\\") {
        i++;
        if (/^["\\/bfnrt]$/.test(text[i] ?? "")) i++;
        else if (/^u[0-9a-fA-F]{4}$/.test(text.slice(i, i + 5))) i += 5;
        else throw new Stop('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        need(":", '":" after the key');
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        need("}", '"," or "}"');
        return;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        need("]", '"," or "]"');
        return;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const m = /^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null)/.exec(
      text.slice(i, i + 400),
    );
    if (!m) throw new Stop("a value (object, array, string, number, true, false or null)");
    i += m[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop("the end of the text");
    return { offset: text.length, expected: "valid JSON" };
  } catch (e) {
    if (e instanceof Stop) return { offset: i, expected: e.expected };
    throw e;
  }
}

function foundAt(text: string, offset: number): string {
  const cp = text.codePointAt(offset);
  return cp === undefined ? "the end of the text" : JSON.stringify(String.fromCodePoint(cp));
}

/**
 * Keys never accepted in input, at any depth: they name Object.prototype machinery, and a
 * config that carries them could pollute prototypes when merged.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** A key path as a linked list (child → parent), so deep nesting costs O(depth), not O(depth²). */
interface PathLink {
  key: string | number;
  parent: PathLink | undefined;
}

function pathOf(link: PathLink | undefined): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let l = link; l; l = l.parent) keys.push(l.key);
  return keys.reverse();
}

/**
 * Throws a ConfigError naming the key path (e.g. `model.granule.constructor`) of the first
 * forbidden key in a parsed value. Iterative, so deeply nested input cannot overflow the stack.
 */
export function checkForbiddenKeys(value: unknown, field: string): void {
  const stack: { node: unknown; at: PathLink | undefined }[] = [{ node: value, at: undefined }];
  while (stack.length > 0) {
    const { node, at } = stack.pop() as { node: unknown; at: PathLink | undefined };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++)
        stack.push({ node: node[i], at: { key: i, parent: at } });
    } else if (node !== null && typeof node === "object") {
      for (const key of Object.keys(node)) {
        const link = { key, parent: at };
        if (FORBIDDEN_KEYS.has(key)) {
          throw new ConfigError(
            formatPath("", pathOf(link)),
            `forbidden key ${JSON.stringify(key)} in ${field}; allowed: any key except __proto__, constructor and prototype`,
          );
        }
        stack.push({ node: (node as Record<string, unknown>)[key], at: link });
      }
    }
  }
}

/**
 * Finds the first key that appears twice in one JSON object (JSON.parse silently keeps the
 * last), with its path and offset. Only run on text JSON.parse accepted; iterative.
 */
export function findDuplicateJsonKey(
  text: string,
): { path: (string | number)[]; offset: number } | undefined {
  type Frame =
    | {
        kind: "object";
        keys: Set<string>;
        at: PathLink | undefined;
        key?: string;
        expectKey: boolean;
      }
    | { kind: "array"; index: number; at: PathLink | undefined };
  const stack: Frame[] = [];
  const childAt = (): PathLink | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return undefined;
    return { key: top.kind === "array" ? top.index : (top.key ?? ""), parent: top.at };
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "{" || c === "[") {
      const at = childAt();
      stack.push(
        c === "{"
          ? { kind: "object", keys: new Set(), at, expectKey: true }
          : { kind: "array", index: 0, at },
      );
      i++;
    } else if (c === "}" || c === "]") {
      stack.pop();
      i++;
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top?.kind === "array") top.index++;
      else if (top?.kind === "object") top.expectKey = true;
      i++;
    } else if (c === '"') {
      const start = i;
      i++;
      while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
      const top = stack[stack.length - 1];
      if (top?.kind === "object" && top.expectKey) {
        const key = JSON.parse(text.slice(start, i)) as string;
        if (top.keys.has(key)) return { path: pathOf({ key, parent: top.at }), offset: start };
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
    } else i++;
  }
  return undefined;
}

function parseJson(text: string, field: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { offset, expected } = locateJsonError(text);
    const { line, column } = lineColumn(text, offset);
    throw new ConfigError(
      field,
      `invalid JSON at line ${line}, column ${column}: expected ${expected}, found ${foundAt(text, offset)}`,
    );
  }
  const duplicate = findDuplicateJsonKey(text);
  if (duplicate) {
    const { line, column } = lineColumn(text, duplicate.offset);
    const key = duplicate.path[duplicate.path.length - 1];
    throw new ConfigError(
      formatPath("", duplicate.path),
      `duplicate key ${JSON.stringify(key)} in ${field} at line ${line}, column ${column}; allowed: each key once per object`,
    );
  }
  checkForbiddenKeys(value, field);
  return value;
}

function parseYaml(text: string, field: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const at = err.linePos?.[0];
    const { line, column } = at ? { line: at.line, column: at.col } : lineColumn(text, err.pos[0]);
    const message = err.message.split("\n")[0];
    throw new ConfigError(field, `invalid YAML at line ${line}, column ${column}: ${message}`);
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    // e.g. too many alias expansions (a "billion laughs" file).
    throw new ConfigError(field, `invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Duplicate keys are already YAML errors (above); prototype keys are not.
  checkForbiddenKeys(value, field);
  return value;
}

/**
 * Parses experiment file text into a plain value (still to be checked by parseExperiment).
 * Syntax errors become ConfigError(field, "invalid JSON/YAML at line L, column C: …"); a key
 * repeated within one JSON object, or a `__proto__` / `constructor` / `prototype` key anywhere,
 * becomes a ConfigError naming the key's path.
 */
export function loadExperimentText(
  text: string,
  format: "json" | "yaml",
  field = "experiment",
): unknown {
  return format === "json" ? parseJson(text, field) : parseYaml(text, field);
}

/**
 * Whether a command-line argument is a design string rather than a file path or a paradigm name.
 * Rules, in order:
 *  - ends in .json, .yaml or .yml → false (a file);
 *  - starts with a digit (a trial count: "300 T+") → true;
 *  - contains uppercase cue letters followed by "+" or "-" that end a trial, i.e. are followed by
 *    the end, whitespace, "(", "/" or ">" ("T+", "acquisition: TL+ > T-") → true;
 *  - otherwise false, so kebab-case names such as "delay-eyeblink" or "ISI-sweep" are not designs.
 */
export function looksLikeDesignString(arg: string): boolean {
  const s = arg.trim();
  if (/\.(json|ya?ml)$/i.test(s)) return false;
  if (/^[0-9]/.test(s)) return true;
  return /(^|[\s\d:/>])[A-Z]+[+-](\s|$|[(/>])/.test(s);
}
