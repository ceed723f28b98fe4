/** Property tests: malformed input only ever gives a ConfigError that points at real input. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import { Rng } from "../../src/model/rng.js";
import {
  type Experiment,
  formatDesign,
  parseDesign,
  parseExperiment,
  scheduleTrials,
} from "../../src/protocol/index.js";

type Path = (string | number)[];
// biome-ignore lint/suspicious/noExplicitAny: mutation tests poke at arbitrary JSON shapes
type Json = any;

/** Splits a ConfigError field such as experiment.phases[0]["a b"].name into segments. */
function parseField(field: string): Path | undefined {
  if (!field.startsWith("experiment")) return undefined;
  const out: Path = [];
  const re = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  re.lastIndex = "experiment".length;
  while (re.lastIndex < field.length) {
    const m = re.exec(field);
    if (!m) return undefined;
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(m[3])));
  }
  return out;
}

function exists(root: Json, path: Path): boolean {
  let v = root;
  for (const key of path) {
    if (Array.isArray(v) && typeof key === "number" && key < v.length) v = v[key];
    else if (v && typeof v === "object" && !Array.isArray(v) && Object.hasOwn(v, key)) v = v[key];
    else return false;
  }
  return true;
}

/** Every path of objects/arrays and leaves in a value. */
function allPaths(v: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) out.push(...allPaths(x, [...prefix, i]));
  } else if (v && typeof v === "object") {
    for (const k of Object.keys(v)) out.push(...allPaths(v[k], [...prefix, k]));
  }
  return out;
}

function get(root: Json, path: Path): Json {
  return path.reduce((v, k) => v[k], root);
}

const bases: Experiment[] = [
  parseExperiment({
    name: "full",
    phases: [
      {
        name: "acq",
        trials: 20,
        order: "alternate",
        context: "boxA",
        iti: { meanMs: 500, jitterMs: 100 },
        trialTypes: [
          {
            name: "tone",
            proportion: 2,
            durationMs: 1000,
            probe: false,
            cues: [{ channel: "tone", onsetMs: 100, durationMs: 400, magnitude: 1 }],
            us: [{ channel: "puff", onsetMs: 450, durationMs: 50, magnitude: 1 }],
          },
          {
            name: "light",
            durationMs: 800,
            cues: [
              { channel: "light", onsetMs: 0, durationMs: 300 },
              { channel: "tone", onsetMs: 300, durationMs: 300 },
            ],
            us: [],
            probe: true,
          },
        ],
      },
    ],
  }),
  parseDesign("acq: 300 T+(isi=500) / 30 TL- > ext: 100 T-(iti=2000)"),
];

const BAD_VALUES: Json[] = [
  -1,
  -3,
  0,
  0.5,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e12,
  2 ** 53,
  "x",
  "",
  "9 lives",
  null,
  true,
  [],
  {},
  [1, 2],
  undefined,
];

type Mutation =
  | { kind: "delete"; path: Path }
  | { kind: "replace"; path: Path; value: Json }
  | { kind: "addKey"; path: Path; key: string }
  | { kind: "window"; path: Path };

const mutationArb = (base: Experiment): fc.Arbitrary<Mutation> => {
  const paths = allPaths(base);
  const nonRoot = paths.filter((p) => p.length > 0);
  const objects = paths.filter((p) => {
    const v = get(base, p);
    return v && typeof v === "object" && !Array.isArray(v);
  });
  const stimuli = paths.filter((p) => {
    const k = p[p.length - 2];
    return (k === "cues" || k === "us") && typeof p[p.length - 1] === "number";
  });
  return fc.oneof(
    fc.constantFrom(...nonRoot).map((path): Mutation => ({ kind: "delete", path })),
    fc
      .tuple(fc.constantFrom(...paths), fc.constantFrom(...BAD_VALUES))
      .map(([path, value]): Mutation => ({ kind: "replace", path, value })),
    fc
      .tuple(
        fc.constantFrom(...objects),
        fc.oneof(fc.constantFrom("extra", "Channel", "onset", "a b", "phase"), fc.string()),
      )
      .map(([path, key]): Mutation => ({ kind: "addKey", path, key })),
    fc.constantFrom(...stimuli).map((path): Mutation => ({ kind: "window", path })),
  );
};

function apply(base: Experiment, m: Mutation): Json {
  const root: Json = { value: structuredClone(base) };
  const full: Path = ["value", ...m.path];
  const parent = get(root, full.slice(0, -1));
  const last = full[full.length - 1];
  switch (m.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case "replace":
      parent[last] = structuredClone(m.value);
      break;
    case "addKey":
      Object.defineProperty(get(root, full), m.key, {
        value: 1,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      break;
    case "window": {
      const stim = get(root, full);
      const trial = get(root, full.slice(0, -2));
      stim.onsetMs = Math.max(0, trial.durationMs - 10);
      stim.durationMs = 20;
      break;
    }
  }
  return root.value;
}

describe("property: malformed experiments", () => {
  it.each(bases.map((b, i) => [i, b] as const))(
    "base %i: always a ConfigError at a real path, never another exception",
    (_i, base) => {
      fc.assert(
        fc.property(mutationArb(base), (m) => {
          const input = apply(base, m);
          const addsNewKey =
            m.kind === "addKey" &&
            !Object.hasOwn(get(base, m.path), m.key) &&
            !(m.path.length === 0 && m.key === "design");
          let result: Experiment;
          try {
            result = parseExperiment(input);
          } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            const path = parseField(e.field);
            expect(path, e.field).toBeDefined();
            expect(exists(input, path!) || exists(base, path!), e.message).toBe(true);
            expect(e.detail.length).toBeGreaterThan(5);
            if (addsNewKey) expect(path).toEqual([...m.path, m.key]);
            return;
          }
          // Accepted (e.g. a defaulted field was deleted): the result is valid and resolved.
          expect(addsNewKey || m.kind === "window").toBe(false);
          expect(parseExperiment(result)).toEqual(result);
        }),
        { numRuns: 400 },
      );
    },
  );

  it("rejects non-numbers as numbers everywhere", () => {
    // NaN in any numeric leaf must fail (zod treats NaN as not a number).
    for (const base of bases) {
      for (const path of allPaths(base)) {
        if (typeof get(base, path) !== "number") continue;
        const input = apply(base, { kind: "replace", path, value: Number.NaN });
        expect(() => parseExperiment(input)).toThrow(ConfigError);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Valid generated designs

interface GenGroup {
  count: number;
  cues: string;
  outcome: "+" | "-";
  options: string[];
}
interface GenPhase {
  name: string | null;
  groups: GenGroup[];
}

const timeArb = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min, max }).map((v) => `${v}`),
    fc.integer({ min, max }).map((v) => `${v}ms`),
    fc.integer({ min, max }).map((v) => `${v / 1000}s`),
  );

const optionsArb: fc.Arbitrary<string[]> = fc
  .record(
    {
      isi: fc.integer({ min: -2000, max: 5000 }),
      usdur: fc.integer({ min: 1, max: 300 }),
      us: fc.integer({ min: 0, max: 30 }).map((v) => v / 10),
      post: fc.integer({ min: 0, max: 3000 }),
      extraPre: fc.integer({ min: 0, max: 1000 }),
      trace: fc.integer({ min: 0, max: 5000 }),
      cs: fc.integer({ min: 1, max: 5000 }),
      unit: fc.constantFrom("", "ms", " ms"),
    },
    { requiredKeys: [] },
  )
  .map((o) => {
    const out: string[] = [];
    const isi = o.isi ?? 500;
    const u = o.unit ?? "";
    if (o.isi !== undefined) out.push(`isi=${o.isi}${u}`);
    if (o.usdur !== undefined) out.push(`usdur=${o.usdur}`);
    if (o.us !== undefined) out.push(`us=${o.us}`);
    if (o.post !== undefined) out.push(`post=${o.post}`);
    if (isi < 0 || o.extraPre !== undefined)
      out.push(`pre=${Math.max(0, -isi) + (o.extraPre ?? 0)}`);
    if (o.trace !== undefined && isi > 0) out.push(`trace=${o.trace % isi}`);
    else if (o.cs !== undefined) out.push(`cs=${o.cs}`);
    return out;
  });

const CUE_SETS = ["T", "L", "A", "B", "TL", "AB", "XYZ"];

const phaseArb: fc.Arbitrary<GenPhase> = fc.record({
  name: fc.constantFrom(null, "acquisition", "ext", "test_2", "probe-1"),
  groups: fc
    .uniqueArray(fc.constantFrom(...CUE_SETS), { minLength: 1, maxLength: 3 })
    .chain((cueSets) =>
      fc.tuple(
        ...cueSets.map((cues) =>
          fc.record({
            count: fc.integer({ min: 1, max: 60 }),
            cues: fc.constant(cues),
            outcome: fc.constantFrom("+" as const, "-" as const),
            options: optionsArb,
          }),
        ),
      ),
    ),
});

const iti = fc.option(fc.tuple(timeArb(0, 5000), fc.integer({ min: 0, max: 100 })));

const designArb = fc.array(fc.tuple(phaseArb, iti), { minLength: 1, maxLength: 3 }).map((phases) =>
  phases
    .map(([p, it]) => {
      const groups = p.groups.map((g, j) => {
        const options = [...g.options];
        // ITI on the first group; jitter as a percentage of a ms-valued mean to stay valid.
        if (j === 0 && it) {
          const [mean] = it;
          options.push(`iti=${mean}`);
          const ms =
            mean.endsWith("s") && !mean.endsWith("ms")
              ? Number.parseFloat(mean) * 1000
              : Number.parseFloat(mean);
          options.push(`jitter=${Math.floor((ms * it[1]) / 100)}`);
        }
        const opts = options.length ? `(${options.join(", ")})` : "";
        return `${g.count} ${g.cues}${g.outcome}${opts}`;
      });
      return `${p.name ? `${p.name}: ` : ""}${groups.join(" / ")}`;
    })
    .join(" > "),
);

function countsOf(text: string): number[][] {
  // Group counts straight from the text, independent of the parser.
  return text.split(">").map((phase) =>
    phase
      .replace(/^[^:]*:/, "")
      .split("/")
      .map((g) => Number(/\d+/.exec(g.trim())![0])),
  );
}

describe("property: design strings", () => {
  it("valid designs parse, validate, round-trip and schedule with the right counts", () => {
    fc.assert(
      fc.property(designArb, fc.integer(), (text, seed) => {
        const e = parseDesign(text);
        expect(parseExperiment(e)).toEqual(e);
        expect(parseDesign(formatDesign(e))).toEqual(e);
        const counts = countsOf(text);
        expect(e.phases.map((p) => p.trials)).toEqual(counts.map((c) => c.reduce((a, b) => a + b)));
        const schedule = scheduleTrials(e, new Rng(seed));
        expect(schedule).toHaveLength(counts.flat().reduce((a, b) => a + b));
        e.phases.forEach((phase, i) => {
          phase.trialTypes.forEach((t, j) => {
            const n = schedule.filter((s) => s.phaseIndex === i && s.trialType === t).length;
            expect(n).toBe(counts[i][j]);
          });
        });
        expect(scheduleTrials(e, new Rng(seed))).toEqual(schedule);
      }),
      { numRuns: 150 },
    );
  });

  /** Either a valid Experiment or a ConfigError with a column; never anything else. */
  function checkAnyText(text: string): void {
    let e: Experiment;
    try {
      e = parseDesign(text);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      expect(err.field).toBe("design");
      expect(err.detail).toMatch(/column \d+: /);
      return;
    }
    expect(parseExperiment(e)).toEqual(e);
  }

  const ALPHABET = [..."0123456789TLABxt+-/>:(),=. \n\tmsisicstraceusdurprepostitijitterp_-"];

  it("random strings give a design or a ConfigError with a column", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 }),
          fc.string({ unit: "binary", maxLength: 30 }),
          fc.string({ maxLength: 30 }),
        ),
        checkAnyText,
      ),
      { numRuns: 1000 },
    );
  });

  it("mutated valid designs give a design or a ConfigError with a column", () => {
    const edit = fc.record({
      at: fc.nat(),
      del: fc.integer({ min: 0, max: 3 }),
      insert: fc.string({ unit: fc.constantFrom(...ALPHABET, "\u0000", "é", "😀"), maxLength: 3 }),
    });
    fc.assert(
      fc.property(designArb, fc.array(edit, { minLength: 1, maxLength: 4 }), (text, edits) => {
        let s = text;
        for (const { at, del, insert } of edits) {
          const i = at % (s.length + 1);
          s = s.slice(0, i) + insert + s.slice(i + del);
        }
        checkAnyText(s);
      }),
      { numRuns: 500 },
    );
  });
});
