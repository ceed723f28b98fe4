import { describe, expect, it } from "vitest";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { ConfigError } from "../../src/model/errors.js";
import { deepMerge } from "../../src/model/merge.js";
import { leafPaths, setPath, splitPath } from "../../src/model/paths.js";
import { parseWith } from "../../src/model/validate.js";

describe("cerebellum parameters", () => {
  it("has the expected defaults", () => {
    const p = cerebellumParamsSchema.parse({});
    expect(p.dtMs).toBe(1);
    expect(p.granule).toMatchObject({
      count: 4000,
      fanIn: 4,
      codingLevel: 0.05,
      golgi: "quantile",
    });
    expect(p.purkinje.count).toBe(1);
    expect(p.plasticity.pfPurkinje).toMatchObject({
      enabled: true,
      rule: "eligibility",
      windowPeakMs: 100,
    });
    expect(p.plasticity.mfNucleus.enabled).toBe(true);
    expect(p.olive.feedbackDelayMs).toBe(100);
    expect(p.lesion.cortexFraction).toBe(0);
  });

  it("names the field, the value and the allowed range in errors", () => {
    const fail = (value: unknown) => {
      try {
        parseWith(cerebellumParamsSchema, value, "model");
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).message;
      }
      throw new Error("expected a ConfigError");
    };
    expect(fail({ granule: { count: 10 } })).toBe(
      "model.granule.count: got 10; allowed: a number ≥ 100",
    );
    expect(fail({ granule: { golgi: "x" } })).toMatch(
      /model\.granule\.golgi: got "x"; allowed: one of "quantile", "fixed"/,
    );
    expect(fail({ granule: { cont: 3 } })).toMatch(
      /model\.granule\.cont: unknown key "cont"; allowed keys: count, fanIn/,
    );
    expect(fail({ plasticity: { pfPurkinje: { ltd: "fast" } } })).toMatch(
      /ltd: got "fast"; allowed: a number/,
    );
  });
});

describe("config paths", () => {
  it("splits dotted and indexed paths", () => {
    expect(splitPath("experiment.phases[1].trials")).toEqual(["experiment", "phases", 1, "trials"]);
    expect(splitPath("a.b.2.c")).toEqual(["a", "b", 2, "c"]);
  });

  it("sets an existing leaf in a copy and rejects unknown paths with the valid ones listed", () => {
    const config = { model: { granule: { count: 10 } }, list: [{ x: 1 }] };
    const next = setPath(config, "list[0].x", 5);
    expect(next.list[0].x).toBe(5);
    expect(config.list[0].x).toBe(1);
    expect(() => setPath(config, "model.granule.cnt", 1)).toThrow(
      /unknown path \(did you mean "model\.granule\.count"\?\); valid paths:\n {2}model\.granule\.count/,
    );
    expect(leafPaths(config)).toEqual(["model.granule.count", "list[0].x"]);
  });

  it("merges nested defaults without touching arrays", () => {
    expect(deepMerge({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: 3 }, d: [2, 3] })).toEqual({
      a: { b: 1, c: 3 },
      d: [2, 3],
    });
  });
});
