import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import { getParadigm } from "../../src/paradigms/registry.js";
import { planStudy } from "../../src/study/plan.js";
import { parseSamples, samplePoints, unitSamples } from "../../src/study/samples.js";
import { parseStudy } from "../../src/study/spec.js";

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

const strataOf = (values: number[], n: number) =>
  values.map((u) => Math.floor(u * n)).sort((a, b) => a - b);

describe("Latin-hypercube and random samples", () => {
  it("puts exactly one LHS point in each of the n strata of every dimension", () => {
    for (const [n, d, seed] of [
      [20, 3, 1],
      [7, 5, 42],
      [1, 2, 3],
    ]) {
      const pts = unitSamples(n, d, "lhs", seed);
      expect(pts).toHaveLength(n);
      for (let j = 0; j < d; j++)
        expect(
          strataOf(
            pts.map((p) => p[j]),
            n,
          ),
        ).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it("is reproducible from the seed, and another seed or method gives other points", () => {
    expect(unitSamples(10, 2, "lhs", 5)).toEqual(unitSamples(10, 2, "lhs", 5));
    expect(unitSamples(10, 2, "lhs", 6)).not.toEqual(unitSamples(10, 2, "lhs", 5));
    const random = unitSamples(200, 1, "random", 5).map((p) => p[0]);
    expect(random.every((u) => u >= 0 && u < 1)).toBe(true);
    // Independent uniforms leave some of 200 strata empty (LHS never does).
    expect(new Set(strataOf(random, 200)).size).toBeLessThan(200);
  });

  it("maps ranges linearly or in log, integers rounded, inside the schema's bounds", () => {
    const fear = getParadigm("fear");
    const spec = parseSamples({
      n: 10,
      seed: 3,
      params: {
        "model.plasticity.la.potentiation": { lo: 0.001, hi: 0.1, log: true },
        "model.la.count": [500, 1000],
      },
    });
    const pts = samplePoints(spec, fear.schema);
    const eta = pts.map((p) => p[0][1]);
    const count = pts.map((p) => p[1][1]);
    // Log strata: each decade-fraction holds one point.
    expect(
      strataOf(
        eta.map((v) => (Math.log10(v) + 3) / 2),
        10,
      ),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(count.every((c) => Number.isInteger(c) && c >= 500 && c <= 1000)).toBe(true);
    // A missing end comes from the schema (codingLevel ≤ 0.5).
    const open = samplePoints(
      parseSamples({ n: 4, params: { "model.itc.codingLevel": [0.1, null] } }),
      fear.schema,
    );
    expect(open.every((p) => p[0][1] >= 0.1 && p[0][1] <= 0.5)).toBe(true);
  });

  it("crosses the samples with the sweep grid in a study plan", () => {
    const spec = parseStudy({
      paradigm: "fear",
      seeds: [1, 2],
      sweep: { preset: ["renewal", "blocking"] },
      samples: {
        n: 3,
        method: "lhs",
        seed: 1,
        params: { "model.plasticity.la.potentiation": [0.01, 0.1] },
      },
    });
    const plan = planStudy(spec);
    expect(plan.conditions).toHaveLength(6);
    expect(plan.cells).toHaveLength(12);
    const values = plan.conditions.map((c) => c.params[1][1] as number);
    expect(values.slice(0, 3)).toEqual(values.slice(3));
    const cell = plan.cells[0];
    const model = cell.config.model as { plasticity: { la: { potentiation: number } } };
    expect(model.plasticity.la.potentiation).toBe(values[0]);
    expect(plan.conditions[0].label).toMatch(
      /^preset=renewal, model\.plasticity\.la\.potentiation=0\.\d+$/,
    );
  });

  it("rejects bad samples naming the field and what is allowed", () => {
    const study = (samples: unknown) => () =>
      planStudy(parseStudy({ paradigm: "fear", seeds: [1], samples }));
    const p = { "model.plasticity.la.potentiation": [0.01, 0.1] };
    let e = configError(study({ n: 4, method: "sobol", params: p }));
    expect(e.field).toBe("samples.method");
    expect(e.message).toContain("lhs, random");
    e = configError(study({ n: 0, params: p }));
    expect(e.field).toBe("samples.n");
    e = configError(study({ n: 4, params: { "model.itc.codingLevel": [0.1, 0.9] } }));
    expect(e.field).toBe("samples.params.model.itc.codingLevel");
    expect(e.message).toContain("0..0.5");
    e = configError(study({ n: 4, params: { "model.plasticity.la.potentiation": [0.1, null] } }));
    expect(e.message).toContain("finite");
    e = configError(
      study({ n: 4, params: { "model.plasticity.la.potentiation": { lo: 0, hi: 1, log: true } } }),
    );
    expect(e.message).toContain("lo > 0");
    e = configError(study({ n: 4, params: { preset: [0, 1] } }));
    expect(e.message).toContain("not a numeric");
    e = configError(study({ n: 4, params: { seed: [0, 1] } }));
    expect(e.field).toBe("samples.params.seed");
    e = configError(() =>
      parseStudy({ paradigm: "fear", seeds: [1], set: p, samples: { n: 2, params: p } }),
    );
    expect(e.message).toContain("one of sweep, set or samples");
  });
});
