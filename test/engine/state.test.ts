import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { type CerebellumState, restoreCerebellum, saveCerebellum } from "../../src/brain/state.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { fieldOf } from "../configErrors.js";

function stream(brain: Cerebellum, from: number, steps: number): number[] {
  const out: number[] = [];
  for (let t = from; t < from + steps; t++) {
    const phase = t % 700;
    const z = brain.step(
      [phase < 400 ? 1 : 0, phase > 300 ? 0.5 : 0],
      [phase >= 300 && phase < 340 ? 1 : 0, 0.2],
    );
    out.push(z[0], z[1]);
  }
  return out;
}

describe("save and restore", () => {
  it("continues bit-identically after a JSON round trip of the whole state", () => {
    const params = cerebellumParamsSchema.parse({
      granule: { count: 800 },
      mossy: { count: 32, fibresPerChannel: 8 },
      purkinje: { count: 2 },
      plasticity: { pfPurkinje: { ltd: 0.001, ltp: 0.001 }, mfNucleus: { rate: 0.0005 } },
    });
    const spec = { kind: "cerebellum" as const, params, channels: ["a", "b"], seed: 9 };
    const original = new Cerebellum(spec);
    stream(original, 0, 1500);
    const saved = JSON.parse(JSON.stringify(saveCerebellum(original)));
    const restored = restoreCerebellum(saved);
    expect(restored.time).toBe(1500);
    expect(stream(restored, 1500, 2000)).toEqual(stream(original, 1500, 2000));
    expect(restored.purkinje.w).toEqual(original.purkinje.w);
    expect(restored.nucleus.v).toEqual(original.nucleus.v);
  });

  it("rejects a state that does not fit its spec", () => {
    const params = cerebellumParamsSchema.parse({ granule: { count: 200 }, mossy: { count: 16 } });
    const state = saveCerebellum(
      new Cerebellum({ kind: "cerebellum", params, channels: ["a"], seed: 1 }),
    );
    state.arrays.weights = state.arrays.weights.slice(0, 8);
    expect(() => restoreCerebellum(state)).toThrow(/state\.arrays\.weights: has \d+ bytes/);
    expect(() => restoreCerebellum({ ...state, format: "x" } as never)).toThrow(/state\.format/);
  });
});

type Loose = Record<string, unknown>;

/** A mutation that sets (or, with `undefined`, deletes) the value at a dotted path. */
function put(path: string, value: unknown): (s: Loose) => void {
  return (s) => {
    const keys = path.split(".");
    let node = s;
    for (const k of keys.slice(0, -1)) node = node[k] as Loose;
    const last = keys[keys.length - 1];
    if (value === undefined) delete node[last];
    else node[last] = typeof value === "function" ? value(node[last]) : value;
  };
}

/** A mutation of one element of a base64-encoded array. */
function patch(
  name: string,
  Kind: typeof Float32Array | typeof Float64Array | typeof Int32Array | typeof Uint8Array,
  i: number,
  v: number,
) {
  return put(`arrays.${name}`, (text: string) => {
    const a = new Kind(new Uint8Array(Buffer.from(text, "base64")).buffer);
    a[i] = v;
    return Buffer.from(a.buffer).toString("base64");
  });
}

describe("restore checks the state before using it", () => {
  const params = cerebellumParamsSchema.parse({
    granule: { count: 200 },
    mossy: { count: 16 },
    purkinje: { count: 2 },
  });
  const brain = new Cerebellum({ kind: "cerebellum", params, channels: ["a"], seed: 1 });
  for (let t = 0; t < 50; t++) brain.step([t % 20 < 5 ? 1 : 0], [t % 20 === 4 ? 1 : 0, 0]);
  const saved: CerebellumState = JSON.parse(JSON.stringify(saveCerebellum(brain)));
  const fieldOfRestore = (mutate: (s: Loose) => void) =>
    fieldOf(() => {
      const s = structuredClone(saved) as unknown as Loose;
      mutate(s);
      restoreCerebellum(s as unknown as CerebellumState);
    });

  it("accepts the saved state unchanged", () => {
    expect(fieldOfRestore(() => {})).toBeUndefined();
  });

  const cases: [string, (s: Loose) => void, string][] = [
    ["wrong format", put("format", "other"), "state.format"],
    ["no format", put("format", undefined), "state.format"],
    ["wrong version", put("version", 2), "state.version"],
    ["a spec of another kind", put("spec.kind", "amygdala"), "state.spec.kind"],
    ["bad spec params", put("spec.params.granule.count", -1), "state.spec.params.granule.count"],
    ["bad channels", put("spec.channels", [1]), "state.spec.channels"],
    ["a bad seed", put("spec.seed", 1.5), "state.spec.seed"],
    ['time "NaN"', put("time", "NaN"), "state.time"],
    ["time NaN (null in JSON)", put("time", null), "state.time"],
    ["negative time", put("time", -1), "state.time"],
    ["learning not a boolean", put("learning", "yes"), "state.learning"],
    ["lesion out of range", put("lesion", 2), "state.lesion"],
    ["rng not an object", put("rng", 5), "state.rng"],
    ["rng word not an integer", put("rng.c", 0.5), "state.rng.c"],
    ["rng word too large", put("rng.a", 2 ** 40), "state.rng.a"],
    ["rng spare not finite", put("rng.spare", "x"), "state.rng.spare"],
    ["head past the ring", put("heads.outputs", 10_000), "state.heads.outputs"],
    ["negative head", put("heads.activity", -2), "state.heads.activity"],
    ["fractional head", put("heads.errors", 0.5), "state.heads.errors"],
    ["missing heads", put("heads", undefined), "state.heads"],
    ["missing array", put("arrays.weights", undefined), "state.arrays.weights"],
    ["array not base64", put("arrays.weights", "!!!!"), "state.arrays.weights"],
    ["array not a string", put("arrays.errors", [1, 2]), "state.arrays.errors"],
    ["wrong shape", put("arrays.weights", (w: string) => w.slice(0, 8)), "state.arrays.weights"],
    ["a NaN weight", patch("weights", Float32Array, 3, Number.NaN), "state.arrays.weights[3]"],
    [
      "an infinite nucleus weight",
      patch("nucleusWeights", Float32Array, 0, Number.POSITIVE_INFINITY),
      "state.arrays.nucleusWeights[0]",
    ],
    [
      "a granule index out of range",
      patch("activityIndices", Int32Array, 1, 200),
      "state.arrays.activityIndices[1]",
    ],
    [
      "a count over capacity",
      patch("activityCounts", Int32Array, 0, 1_000_000),
      "state.arrays.activityCounts[0]",
    ],
    // Keys: a typo or a foreign key is refused, not ignored.
    ["an unknown top-level key", put("weights", "AAAA"), "state.weights"],
    ["a typo'd head", put("heads.output", 3), "state.heads.output"],
    ["an unknown spec key", put("spec.seeds", 3), "state.spec.seeds"],
    ["an unknown rng key", put("rng.e", 3), "state.rng.e"],
    ["an rng without its spare", put("rng.spare", undefined), "state.rng.spare"],
    ["an array this spec does not have", put("arrays.golgi", "AAAA"), "state.arrays.golgi"],
    [
      "a window the spec does not adapt",
      put("window", () => ({ peakMs: 5, rng: saved.rng })),
      "state.window",
    ],
    [
      "climbing fibres the spec does not fire",
      put("climbingFibres", () => ({ rng: saved.rng })),
      "state.climbingFibres",
    ],
    ["duplicate channels", put("spec.channels", ["a", "a"]), "state.spec.channels"],
    ["no channels", put("spec.channels", []), "state.spec.channels"],
    // Ring positions inside their ring but not where `time` puts them.
    ["a head that disagrees with time", put("heads.outputs", 0), "state.heads.outputs"],
    ["a time that disagrees with the heads", put("time", 51), "state.heads.activity"],
    // Values the module can never reach.
    ["a weight above maxWeight", patch("weights", Float32Array, 7, 2.5), "state.arrays.weights[7]"],
    ["a negative weight", patch("weights", Float32Array, 0, -0.25), "state.arrays.weights[0]"],
    [
      "a negative nucleus weight",
      patch("nucleusWeights", Float32Array, 1, -1),
      "state.arrays.nucleusWeights[1]",
    ],
    [
      "a negative filtered input",
      patch("nucleusInput", Float64Array, 2, -0.5),
      "state.arrays.nucleusInput[2]",
    ],
    [
      "a negative cascade stage",
      patch("basisStages", Float32Array, 4, -1),
      "state.arrays.basisStages[4]",
    ],
    [
      "a NaN mossy noise",
      patch("mossyNoise", Float32Array, 0, Number.NaN),
      "state.arrays.mossyNoise[0]",
    ],
    [
      "a silenced flag of 2",
      patch("basisSilenced", Uint8Array, 0, 2),
      "state.arrays.basisSilenced[0]",
    ],
    // Sizes from the spec are checked before the module is built (no 40 GB allocation).
    [
      "a spec far bigger than its arrays",
      (s) => {
        put("spec.params.granule.count", 10_000_000)(s);
        put("spec.params.purkinje.count", 1024)(s);
      },
      "state.arrays.weights",
    ],
  ];
  for (const [name, mutate, field] of cases) {
    it(`rejects ${name}, naming ${field}`, () => {
      expect(fieldOfRestore(mutate)).toBe(field);
    });
  }

  it("rejects a state that is not an object", () => {
    expect(fieldOf(() => restoreCerebellum(null as never))).toBe("state");
  });

  it("does not change the state it is given", () => {
    const copy = structuredClone(saved);
    restoreCerebellum(copy);
    expect(copy).toEqual(saved);
  });
});

describe("restore checks optional parts against their own rules", () => {
  const restoreAfter = (params: unknown, mutate: (s: Loose) => void = () => {}) => {
    const spec = {
      kind: "cerebellum" as const,
      params: cerebellumParamsSchema.parse(params),
      channels: ["a"],
      seed: 3,
    };
    const brain = new Cerebellum(spec);
    for (let t = 0; t < 1300; t++) brain.step([t % 50 < 10 ? 1 : 0], [t % 50 === 9 ? 1 : 0, 0]);
    const s = JSON.parse(JSON.stringify(saveCerebellum(brain))) as Loose;
    mutate(s);
    return fieldOf(() => restoreCerebellum(s as unknown as CerebellumState));
  };
  const small = { granule: { count: 200 }, mossy: { count: 16 } };

  it("a module without PF plasticity keeps its activity and error rings empty (-1)", () => {
    const frozen = { ...small, plasticity: { pfPurkinje: { enabled: false } } };
    expect(restoreAfter(frozen)).toBeUndefined();
    expect(restoreAfter(frozen, put("heads.errors", 0))).toBe("state.heads.errors");
  });

  it("weights that never moved stay at w₀ even when w₀ is outside the bounds", () => {
    const high = { ...small, purkinje: { initialWeight: 3 } };
    expect(restoreAfter(high)).toBeUndefined();
    expect(restoreAfter(high, patch("weights", Float32Array, 0, 2.5))).toBe(
      "state.arrays.weights[0]",
    );
  });

  it("an adaptive window: its peak, generator, κ and counters are checked", () => {
    const adaptive = {
      ...small,
      plasticity: { pfPurkinje: { windowAdaptation: { enabled: true, maxDelayMs: 100 } } },
    };
    expect(restoreAfter(adaptive)).toBeUndefined();
    expect(restoreAfter(adaptive, put("window", undefined))).toBe("state.window");
    expect(restoreAfter(adaptive, put("window.peakMs", -1))).toBe("state.window.peakMs");
    expect(restoreAfter(adaptive, put("window.rng.b", "1"))).toBe("state.window.rng.b");
    expect(restoreAfter(adaptive, patch("windowKappa", Float64Array, 0, 2))).toBe(
      "state.arrays.windowKappa[0]",
    );
    expect(restoreAfter(adaptive, patch("windowCounters", Int32Array, 0, 7))).toBe(
      "state.arrays.windowCounters[0]",
    );
    expect(restoreAfter(adaptive, patch("windowCounters", Int32Array, 1, 5000))).toBe(
      "state.arrays.windowCounters[1]",
    );
  });

  it("climbing fibres as events need their generator", () => {
    const events = { ...small, olive: { events: { enabled: true } } };
    expect(restoreAfter(events)).toBeUndefined();
    expect(restoreAfter(events, put("climbingFibres", undefined))).toBe("state.climbingFibres");
    expect(restoreAfter(events, put("climbingFibres.rng", null))).toBe("state.climbingFibres.rng");
  });

  it("the message names the allowed values", () => {
    const spec = {
      kind: "cerebellum" as const,
      params: cerebellumParamsSchema.parse(small),
      channels: ["a"],
      seed: 3,
    };
    const brain = new Cerebellum(spec);
    for (let t = 0; t < 10; t++) brain.step([1], [0, 0]);
    const s = JSON.parse(JSON.stringify(saveCerebellum(brain)));
    s.heads.outputs = 2;
    expect(() => restoreCerebellum(s)).toThrow(/state\.heads\.outputs: got 2; allowed: 9 \(/);
    s.heads.outputs = 9;
    s.time = "NaN";
    expect(() => restoreCerebellum(s)).toThrow(/state\.time: got "NaN"; allowed: an integer ≥ 0/);
  });
});
