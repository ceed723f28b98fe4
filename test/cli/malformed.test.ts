import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./helpers.js";

const valid = {
  phases: [
    {
      name: "acquisition",
      trials: 5,
      trialTypes: [
        {
          name: "tone",
          durationMs: 900,
          cues: [{ channel: "tone", onsetMs: 200, durationMs: 450 }],
          us: [{ onsetMs: 600, durationMs: 50 }],
        },
      ],
    },
  ],
};

/** Paths to every value in the valid experiment, for mutations. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
const allPaths = paths(valid).filter((p) => p.length > 0);

const badValue = fc.oneof(
  fc.constant(null),
  fc.constant(-1),
  fc.constant(Number.NaN),
  fc.constant(1e12),
  fc.constant("x"),
  fc.constant([]),
  fc.constant({}),
  fc.constant(true),
);

/** One mutation of the valid experiment: delete a field, set a wrong value, or add a key. */
const malformed = fc
  .tuple(
    fc.constantFrom(...allPaths),
    fc.constantFrom("delete", "set", "add"),
    badValue,
    fc.string({ minLength: 1, maxLength: 6 }),
  )
  .map(([path, op, value, key]) => {
    const copy = structuredClone(valid) as Record<string | number, unknown>;
    let node = copy as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (op === "delete") {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else if (op === "set") node[last] = value;
    else if (node[last] !== null && typeof node[last] === "object" && !Array.isArray(node[last])) {
      (node[last] as Record<string, unknown>)[`zz${key}`] = 1;
    } else node[last] = value;
    return copy;
  });

describe("malformed experiments on the command line", () => {
  it("always exit 2 with a message naming a field, never crash, never write output", async () => {
    const dir = tempDir();
    let accepted = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(malformed, fc.constantFrom("json", "yaml"), async (experiment, format) => {
        const file = join(dir, `exp.${format}`);
        const text =
          format === "json"
            ? JSON.stringify(experiment)
            : (await import("yaml")).stringify(experiment);
        writeFileSync(file, text);
        const out = join(dir, `out${++runs}`);
        // A mutation can leave a valid experiment (e.g. a magnitude set to true → rejected, but
        // deleting an optional field is fine); those are run with tiny settings and must succeed.
        const r = await cli(
          "run",
          file,
          "--out",
          out,
          "--set",
          "model.granule.count=100",
          "--set",
          "model.mossy.count=16",
        );
        if (r.code === 0) {
          accepted++;
          expect(existsSync(join(out, "summary.json"))).toBe(true);
          return;
        }
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/^error: \S+/);
        expect(r.err).toMatch(/allowed|unknown|expected|invalid|missing/);
        expect(existsSync(out)).toBe(false);
        expect(readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);
      }),
      { numRuns: 60, seed: 20261128 },
    );
    expect(accepted).toBeLessThan(60);
  });

  it("reject malformed design strings with a column number", async () => {
    const dir = tempDir();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "300 T+(isi=500) > 100 T-",
          "20 TL+ / 5 T-(isi=200)",
          "acq: 10 T+(trace=100, isi=600)",
        ),
        fc.nat(40),
        fc.constantFrom("(", ")", "=", "#", "+", ">", "/", "x", "9e9", ",", ":"),
        async (design, at, junk) => {
          const broken =
            design.slice(0, at % (design.length + 1)) +
            junk +
            design.slice(at % (design.length + 1));
          const out = join(dir, `out${++runs}`);
          const r = await cli(
            "run",
            broken,
            "--out",
            out,
            "--set",
            "model.granule.count=100",
            "--set",
            "model.mossy.count=16",
          );
          if (r.code === 0) return; // some insertions stay valid (e.g. a digit)
          expect(r.code).toBe(2);
          expect(r.err).toMatch(/column \d+|source: got/);
          expect(existsSync(out)).toBe(false);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });
});
