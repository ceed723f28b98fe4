import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import {
  loadExperimentText,
  looksLikeDesignString,
  parseExperiment,
} from "../../src/protocol/index.js";

function loadError(text: string, format: "json" | "yaml"): ConfigError {
  try {
    loadExperimentText(text, format, "file.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadExperimentText", () => {
  it("parses JSON and YAML into plain values", () => {
    const yaml = "name: demo\ndesign: '300 T+ > 100 T-'\n";
    expect(loadExperimentText(yaml, "yaml")).toEqual({ name: "demo", design: "300 T+ > 100 T-" });
    expect(loadExperimentText('{"phases": []}', "json")).toEqual({ phases: [] });
    expect(parseExperiment(loadExperimentText(yaml, "yaml")).phases).toHaveLength(2);
  });

  it.each([
    ['{\n  "a": tru\n}', 2, 8, "expected a value"],
    ['{"a": 1,}', 1, 9, "expected a string"],
    ["[1 2]", 1, 4, 'expected "," or "]", found "2"'],
    ["", 1, 1, "found the end of the text"],
    ['{"a": 1} x', 1, 10, "expected the end of the text"],
    ['{"a": "x\ny"}', 1, 9, "no raw control characters"],
    ['{"a": "\\q"}', 1, 9, "a valid escape"],
    ['{"a" 1}', 1, 6, '":" after the key'],
  ])("reports invalid JSON %j at line %i, column %i", (text, line, column, message) => {
    const err = loadError(text, "json");
    expect(err.field).toBe("file.yaml");
    expect(err.detail).toContain(`invalid JSON at line ${line}, column ${column}: `);
    expect(err.detail).toContain(message);
  });

  it("reports invalid YAML with line and column", () => {
    const err = loadError("phases:\n  - name: a\n    trials: [1, 2\n", "yaml");
    expect(err.detail).toMatch(/^invalid YAML at line \d+, column \d+: /);
    const tab = loadError("a: 1\nb: 2\n  c: 3\n", "yaml");
    expect(tab.detail).toMatch(/^invalid YAML at line 2, column 4: /);
    expect(loadError("a: 1\n---\nb: 2\n", "yaml").detail).toContain("invalid YAML");
  });

  it("refuses alias bombs", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const ref = `*${prev}`;
        return `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(ref).join(", ")}]`;
      }),
    ].join("\n");
    expect(loadError(bomb, "yaml").detail).toContain("invalid YAML");
  });
});

describe("looksLikeDesignString", () => {
  it.each([
    "300 T+ > 100 T-",
    "T+",
    "acquisition: 300 T+(isi=500ms) > extinction: 100 T-",
    "TL+",
    "20 TL+",
    "A+ / B-",
    "  5 T+  ",
  ])("%j is a design string", (s) => {
    expect(looksLikeDesignString(s)).toBe(true);
  });

  it.each([
    "experiment.yaml",
    "./runs/2024-01.json",
    "300.yml",
    "delay-eyeblink",
    "ISI-sweep",
    "B1-mix",
    "trace",
    "",
    "configs/a+b.yaml",
  ])("%j is not a design string", (s) => {
    expect(looksLikeDesignString(s)).toBe(false);
  });
});

describe("keys in experiment files", () => {
  it("rejects a JSON key repeated in one object, naming its path, line and column", () => {
    const text = '{\n  "phases": [\n    {"name": "a", "iti": {"meanMs": 1, "meanMs": 2}}\n  ]\n}';
    expect(() => loadExperimentText(text, "json", "f.json")).toThrow(
      /^phases\[0\]\.iti\.meanMs: duplicate key "meanMs" in f\.json at line 3, column 40/,
    );
    // The same key in sibling objects, and escaped keys that differ, are fine.
    const ok = '{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}], "d\\"": 1, "d": 2}';
    expect(loadExperimentText(ok, "json")).toMatchObject({ a: { x: 1 }, b: { x: 2 } });
    expect(() => loadExperimentText('{"k\\u0061": 1, "ka": 2}', "json")).toThrow(
      /^ka: duplicate key "ka"/,
    );
  });

  it("rejects __proto__, constructor and prototype keys at any depth", () => {
    expect(() => loadExperimentText('{"__proto__": {"x": 1}}', "json")).toThrow(
      /^__proto__: forbidden key "__proto__"/,
    );
    expect(() => loadExperimentText('{"a": [{"b": {"constructor": 1}}]}', "json")).toThrow(
      /^a\[0\]\.b\.constructor: forbidden key/,
    );
    expect(() => loadExperimentText("a:\n  - prototype: 1\n", "yaml")).toThrow(
      /^a\[0\]\.prototype: forbidden key "prototype"/,
    );
    expect(() => loadExperimentText("__proto__:\n  polluted: 1\n", "yaml")).toThrow(
      /^__proto__: forbidden key/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("handles deeply nested input without overflowing the stack", () => {
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    expect(() => loadExperimentText(deep, "json")).not.toThrow();
  });
});
