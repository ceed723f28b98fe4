import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import { experimentJsonSchema, parseExperiment } from "../../src/protocol/index.js";

// biome-ignore lint/suspicious/noExplicitAny: tests mutate arbitrary JSON shapes
type Json = any;

/** A minimal valid experiment: only required fields. */
function minimal(): Record<string, Json> {
  return {
    phases: [
      {
        name: "acquisition",
        trials: 10,
        trialTypes: [
          {
            name: "T+",
            durationMs: 1000,
            cues: [{ channel: "tone", onsetMs: 0, durationMs: 500 }],
            us: [{ onsetMs: 450 }],
          },
        ],
      },
    ],
  };
}

/** The ConfigError thrown by parseExperiment on `value`. */
function errorOf(value: unknown): ConfigError {
  try {
    parseExperiment(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

function mutated(f: (e: Record<string, Json>) => void): ConfigError {
  const e = minimal();
  f(e);
  return errorOf(e);
}

describe("parseExperiment", () => {
  it("has the expected defaults", () => {
    const e = parseExperiment(minimal());
    const phase = e.phases[0];
    expect(phase.order).toBe("random");
    expect(phase.iti).toEqual({ meanMs: 1000, jitterMs: 200 });
    expect(phase.context).toBeUndefined();
    const t = phase.trialTypes[0];
    expect(t.proportion).toBe(1);
    expect(t.probe).toBe(false);
    expect(t.cues[0]).toEqual({ channel: "tone", onsetMs: 0, durationMs: 500, magnitude: 1 });
    expect(t.us[0]).toEqual({ channel: "us", onsetMs: 450, durationMs: 50, magnitude: 1 });
    expect(e.name).toBeUndefined();
  });

  it("keeps given values and returns a new plain object that can be frozen", () => {
    const input = minimal();
    input.name = "demo";
    input.phases[0].order = "alternate";
    input.phases[0].context = "boxA";
    input.phases[0].iti = { meanMs: 2000, jitterMs: 0 };
    input.phases[0].trialTypes[0].us[0] = {
      channel: "puff",
      onsetMs: 450,
      durationMs: 20,
      magnitude: 0,
    };
    const e = parseExperiment(input);
    expect(e.name).toBe("demo");
    expect(e.phases[0]).toMatchObject({ order: "alternate", context: "boxA" });
    expect(e.phases[0].iti).toEqual({ meanMs: 2000, jitterMs: 0 });
    expect(e.phases[0].trialTypes[0].us[0].channel).toBe("puff");
    expect(e).not.toBe(input);
    expect(() => Object.freeze(e)).not.toThrow();
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it("allows a cue or US that ends exactly at the end of the trial window", () => {
    const input = minimal();
    input.phases[0].trialTypes[0].cues[0] = { channel: "T", onsetMs: 500, durationMs: 500 };
    input.phases[0].trialTypes[0].us[0] = { onsetMs: 950, durationMs: 50 };
    expect(() => parseExperiment(input)).not.toThrow();
  });

  it("rejects a negative duration, naming the full path, the value and the range", () => {
    const err = mutated((e) => {
      e.phases[0].trialTypes[0].cues[0].durationMs = -3;
    });
    expect(err.field).toBe("experiment.phases[0].trialTypes[0].cues[0].durationMs");
    expect(err.detail).toContain("got -3");
    expect(err.detail).toContain("allowed: a number of ms > 0");
    expect(err.message).toBe(`${err.field}: ${err.detail}`);
  });

  it("uses the path it is given as the root", () => {
    const e = minimal();
    e.phases[0].trials = 0;
    try {
      parseExperiment(e, "config.experiment");
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).field).toBe("config.experiment.phases[0].trials");
    }
  });

  it("rejects unknown keys, naming the key and listing the allowed keys", () => {
    const err = mutated((e) => {
      e.phases[0].trialTypes[0].cues[0].colour = "red";
    });
    expect(err.field).toBe("experiment.phases[0].trialTypes[0].cues[0].colour");
    expect(err.detail).toContain('unknown key "colour"');
    expect(err.detail).toContain("allowed keys: channel, onsetMs, durationMs, magnitude");

    const top = mutated((e) => {
      e.version = 2;
    });
    expect(top.field).toBe("experiment.version");
    expect(top.detail).toContain("allowed keys: name, phases");

    const odd = mutated((e) => {
      e.phases[0]["a b"] = 1;
    });
    expect(odd.field).toBe('experiment.phases[0]["a b"]');
  });

  it("lists the allowed values of an enum", () => {
    const err = mutated((e) => {
      e.phases[0].order = "sideways";
    });
    expect(err.field).toBe("experiment.phases[0].order");
    expect(err.detail).toBe('got "sideways"; allowed: one of "random", "alternate"');
  });

  it("rejects missing required fields", () => {
    const err = mutated((e) => {
      delete e.phases[0].trials;
    });
    expect(err.field).toBe("experiment.phases[0].trials");
    expect(err.detail).toBe("missing (required); allowed: an integer 1..1000000");
  });

  it.each([
    ["trials", 1.5, "got 1.5; allowed: an integer 1..1000000"],
    ["trials", 0, "got 0; allowed: an integer 1..1000000"],
    ["trials", 2_000_000, "got 2000000; allowed: an integer 1..1000000"],
    ["trials", "10", 'got "10"; allowed: an integer 1..1000000'],
    ["name", "", 'got ""; allowed: a non-empty string'],
  ])("rejects phase %s = %j", (key, value, detail) => {
    const err = mutated((e) => {
      e.phases[0][key] = value;
    });
    expect(err.field).toBe(`experiment.phases[0].${key}`);
    expect(err.detail).toContain(detail);
  });

  it.each([
    ["onsetMs", -1, "0..600000"],
    ["onsetMs", 700_000, "0..600000"],
    ["durationMs", 0, "> 0 and ≤ 600000"],
    ["durationMs", Number.NaN, "> 0 and ≤ 600000"],
    ["magnitude", 0, "a finite number > 0"],
    ["magnitude", Number.POSITIVE_INFINITY, "a finite number > 0"],
    ["channel", "9lives", "a channel name"],
    ["channel", "a".repeat(33), "a channel name"],
  ])("rejects cue %s = %s", (key, value, allowed) => {
    const err = mutated((e) => {
      e.phases[0].trialTypes[0].cues[0][key] = value;
    });
    expect(err.field).toBe(`experiment.phases[0].trialTypes[0].cues[0].${key}`);
    const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
    expect(err.detail).toContain(`got ${shown}`);
    expect(err.detail).toContain(allowed);
  });

  it("rejects a negative US magnitude but allows 0", () => {
    const err = mutated((e) => {
      e.phases[0].trialTypes[0].us[0].magnitude = -1;
    });
    expect(err.field).toBe("experiment.phases[0].trialTypes[0].us[0].magnitude");
    expect(err.detail).toBe("got -1; allowed: a finite number ≥ 0");
  });

  it("rejects a trial window outside 1..600000 ms and proportions ≤ 0", () => {
    expect(
      mutated((e) => {
        e.phases[0].trialTypes[0].durationMs = 0.5;
      }).detail,
    ).toContain("1..600000");
    const err = mutated((e) => {
      e.phases[0].trialTypes[0].proportion = 0;
    });
    expect(err.field).toBe("experiment.phases[0].trialTypes[0].proportion");
    expect(err.detail).toBe("got 0; allowed: a finite number > 0");
  });

  it("rejects a cue that runs past the trial window, naming the field", () => {
    const err = mutated((e) => {
      e.phases[0].trialTypes[0].cues[0].durationMs = 1200;
    });
    expect(err.field).toBe("experiment.phases[0].trialTypes[0].cues[0].durationMs");
    expect(err.detail).toContain("onsetMs 0 + durationMs 1200 = 1200 ends after the trial window");
    expect(err.detail).toContain("allowed: onsetMs + durationMs ≤ 1000");
  });

  it("points at onsetMs when a US starts after the window", () => {
    const err = mutated((e) => {
      e.phases[0].trialTypes[0].us[0].onsetMs = 1000;
    });
    expect(err.field).toBe("experiment.phases[0].trialTypes[0].us[0].onsetMs");
    expect(err.detail).toContain("≤ 1000");
  });

  it("rejects ITI jitter larger than the mean", () => {
    const err = mutated((e) => {
      e.phases[0].iti = { meanMs: 100, jitterMs: 200 };
    });
    expect(err.field).toBe("experiment.phases[0].iti.jitterMs");
    expect(err.detail).toContain("got 200; allowed: a number of ms ≥ 0 and ≤ meanMs (100)");
    const neg = mutated((e) => {
      e.phases[0].iti = { meanMs: -1, jitterMs: 0 };
    });
    expect(neg.field).toBe("experiment.phases[0].iti.meanMs");
  });

  it("rejects duplicate trial type names in a phase", () => {
    const err = mutated((e) => {
      e.phases[0].trialTypes.push(structuredClone(e.phases[0].trialTypes[0]));
    });
    expect(err.field).toBe("experiment.phases[0].trialTypes[1].name");
    expect(err.detail).toContain('got "T+", already used by trialTypes[0]');
    expect(err.detail).toContain("unique within the phase");
  });

  it("requires at least one phase and one trial type", () => {
    const noPhases = errorOf({ phases: [] });
    expect(noPhases.field).toBe("experiment.phases");
    expect(noPhases.detail).toContain("at least one phase");
    const noTypes = mutated((e) => {
      e.phases[0].trialTypes = [];
    });
    expect(noTypes.field).toBe("experiment.phases[0].trialTypes");
    expect(noTypes.detail).toContain("at least one trial type");
  });

  it("rejects a value that is not an object", () => {
    for (const v of [null, 5, "x", [1, 2], undefined]) {
      const err = errorOf(v);
      expect(err.field).toBe("experiment");
      expect(err.detail).toContain("allowed: an object with keys name, phases");
    }
  });

  it("rejects a wrongly typed nested object", () => {
    const err = mutated((e) => {
      e.phases[0].trialTypes[0].cues[0] = "tone";
    });
    expect(err.field).toBe("experiment.phases[0].trialTypes[0].cues[0]");
    expect(err.detail).toBe(
      'got "tone"; allowed: an object with keys channel, onsetMs, durationMs, magnitude',
    );
  });
});

describe("parseExperiment with a design string", () => {
  it("accepts { name, design } and fills in everything", () => {
    const e = parseExperiment({ name: "delay", design: "300 T+ > 100 T-" });
    expect(e.name).toBe("delay");
    expect(e.phases.map((p) => p.trials)).toEqual([300, 100]);
    expect(e.phases[1].trialTypes[0].probe).toBe(true);
  });

  it("points design errors into experiment.design with a column", () => {
    const err = errorOf({ design: "300 Tx+" });
    expect(err.field).toBe("experiment.design");
    expect(err.detail).toMatch(/^at column 6: expected "\+" or "-" after cue letters/);
  });

  it("rejects other keys next to design, and a design that is not a string", () => {
    const extra = errorOf({ design: "10 T+", phases: [] });
    expect(extra.field).toBe("experiment.phases");
    expect(extra.detail).toContain('allowed keys with "design": name, design');
    const num = errorOf({ design: 5 });
    expect(num.field).toBe("experiment.design");
    expect(num.detail).toContain("got 5; allowed: a design string");
    const name = errorOf({ design: "10 T+", name: 3 });
    expect(name.field).toBe("experiment.name");
  });
});

describe("experimentJsonSchema", () => {
  it("describes the full form, with defaults optional and unknown keys rejected", () => {
    const schema = experimentJsonSchema() as Json;
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(["phases"]);
    expect(schema.additionalProperties).toBe(false);
    const phase = schema.properties.phases.items;
    expect(phase.required).toEqual(["name", "trials", "trialTypes"]);
    expect(phase.properties.order.enum).toEqual(["random", "alternate"]);
    expect(phase.properties.trials).toMatchObject({ type: "integer", minimum: 1, maximum: 1e6 });
    const cue = phase.properties.trialTypes.items.properties.cues.items;
    expect(cue.properties.magnitude.default).toBe(1);
    expect(cue.properties.channel.pattern).toBeDefined();
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
