import { describe, expect, it } from "vitest";
import { parseSweepFlag, splitValues } from "../../src/cli/study.js";
import { ConfigError } from "../../src/model/errors.js";
import { flattenConfig, flattenSummary, parseTrials } from "../../src/study/flatten.js";
import { grid, planStudy } from "../../src/study/plan.js";
import { parseSeeds, parseStudy } from "../../src/study/spec.js";

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("study files", () => {
  it("reads the minimal form: seeds as a list or a range, every sweep combination", () => {
    const spec = parseStudy({
      paradigm: "eyeblink",
      seeds: "1..4",
      sweep: {
        experiment: ["60 T+(isi=250)", "60 T+(isi=500)"],
        "model.granule.count": [2000, 4000],
      },
    });
    expect(spec.seeds).toEqual([1, 2, 3, 4]);
    expect(parseSeeds([5, 2])).toEqual([5, 2]);
    const plan = planStudy(spec);
    expect(plan.conditions.map((c) => c.label)).toEqual([
      "experiment=60 T+(isi=250), model.granule.count=2000",
      "experiment=60 T+(isi=250), model.granule.count=4000",
      "experiment=60 T+(isi=500), model.granule.count=2000",
      "experiment=60 T+(isi=500), model.granule.count=4000",
    ]);
    expect(plan.cells).toHaveLength(16);
    const cell = plan.cells.find((c) => c.runId === "c4-seed3");
    if (!cell) throw new Error("no cell c4-seed3");
    expect(cell.seed).toBe(3);
    expect(cell.config.seed).toBe(3);
    expect((cell.config.model as { granule: { count: number } }).granule.count).toBe(4000);
    const phases = (cell.config.experiment as { phases: { trials: number }[] }).phases;
    expect(phases.reduce((n, p) => n + p.trials, 0)).toBe(60);
  });

  it("grid varies the last path fastest and has one empty combination with no sweep", () => {
    expect(grid([])).toEqual([[]]);
    expect(
      grid([
        ["a", [1, 2]],
        ["b", ["x", "y", "z"]],
      ]).map((c) => c.map(([, v]) => v).join("")),
    ).toEqual(["1x", "1y", "1z", "2x", "2y", "2z"]);
  });

  it("names the field and what is allowed for bad input", () => {
    const base = { paradigm: "eyeblink", seeds: [1] };
    expect(configError(() => parseStudy({ ...base, seeds: "4..1" })).field).toBe("seeds");
    expect(configError(() => parseStudy({ ...base, seeds: [1, 1] })).message).toMatch(
      /^seeds\[1\]: seed 1 appears twice; allowed: a list of distinct integers/,
    );
    expect(configError(() => parseStudy({ paradigm: "eyeblink" })).message).toMatch(
      /^seeds: missing \(required\); allowed: a list of distinct integers/,
    );
    expect(configError(() => parseStudy({ ...base, sweeps: {} })).message).toMatch(
      /^sweeps: unknown key "sweeps"; allowed keys: paradigm, seeds, sweep, set, samples, blockTrials/,
    );
    expect(configError(() => parseStudy({ ...base, sweep: { seed: [1, 2] } })).field).toBe(
      "sweep.seed",
    );
    expect(configError(() => parseStudy({ ...base, sweep: { "model.x": [] } })).field).toBe(
      'sweep["model.x"]',
    );
    const unknownPath = configError(() =>
      planStudy(parseStudy({ ...base, sweep: { "model.granule.cont": [1] } })),
    );
    expect(unknownPath.field).toBe("sweep.model.granule.cont");
    expect(unknownPath.detail).toMatch(/unknown path.*did you mean.*model\.granule\.count/s);
    const badValue = configError(() =>
      planStudy(parseStudy({ ...base, sweep: { "model.granule.count": [-5] } })),
    );
    expect(badValue.field).toBe("sweep.model.granule.count");
    expect(badValue.detail).toMatch(
      /value -5 is not valid: model\.granule\.count: got -5; allowed:/,
    );
    expect(
      configError(() => planStudy(parseStudy({ ...base, paradigm: "eyeblnk" }))).message,
    ).toMatch(/^paradigm: got "eyeblnk".*allowed: eyeblink/);
  });

  it("splits --sweep values on commas outside brackets, so design strings keep theirs", () => {
    expect(splitValues("2000, 4000")).toEqual(["2000", "4000"]);
    expect(parseSweepFlag("experiment=20 T+(isi=250, iti=300),20 T+(isi=500)")).toEqual([
      "experiment",
      ["20 T+(isi=250, iti=300)", "20 T+(isi=500)"],
    ]);
    expect(parseSweepFlag("model.granule.count=2000,4000")).toEqual([
      "model.granule.count",
      [2000, 4000],
    ]);
    expect(configError(() => parseSweepFlag("model.granule.count")).field).toBe("--sweep");
    expect(configError(() => parseSweepFlag("a=1,,2")).field).toBe("--sweep");
  });
});

describe("study rows", () => {
  it("flattens a config to dotted columns, the experiment as one JSON column", () => {
    const flat = flattenConfig({
      paradigm: "eyeblink",
      seed: 3,
      model: { granule: { count: 400 }, gains: [1, 2] },
      experiment: { phases: [{ trials: 5 }] },
    });
    expect(flat).toEqual({
      "model.granule.count": 400,
      "model.gains": "[1,2]",
      experiment: '{"phases":[{"trials":5}]}',
    });
  });

  it("flattens a summary to ordered numeric metrics, phases by name, null kept", () => {
    const metrics = flattenSummary({
      paradigm: "eyeblink",
      seed: 1,
      wallSeconds: 2.5,
      trials: 30,
      phases: [
        { phase: "acq", crPercent: 50, trialsToCriterion: null, crPercentByBlock: [10, 90] },
      ],
      ok: true,
      note: "text",
    });
    expect(metrics).toEqual([
      ["trials", 30],
      ["phases.acq.crPercent", 50],
      ["phases.acq.trialsToCriterion", null],
      ["phases.acq.crPercentByBlock[0]", 10],
      ["phases.acq.crPercentByBlock[1]", 90],
      ["ok", 1],
    ]);
  });

  it("types trials.csv columns: booleans, numbers (empty = null, inf), text", () => {
    const t = parseTrials("trial,phase,cr,amp,none\n0,acq,true,0.5,\n1,acq,false,inf,\n2,ext,,,\n");
    expect(t.columns).toEqual(["trial", "phase", "cr", "amp", "none"]);
    expect(t.types).toEqual(["DOUBLE", "VARCHAR", "BOOLEAN", "DOUBLE", "DOUBLE"]);
    expect(t.rows).toEqual([
      [0, "acq", true, 0.5, null],
      [1, "acq", false, Number.POSITIVE_INFINITY, null],
      [2, "ext", null, null, null],
    ]);
  });
});
