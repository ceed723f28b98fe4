import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import {
  DESIGN_DEFAULTS,
  formatDesign,
  parseDesign,
  parseExperiment,
} from "../../src/protocol/index.js";

function designError(text: string): ConfigError {
  try {
    parseDesign(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(text)}`);
}

describe("parseDesign: grammar examples", () => {
  it("acquisition then extinction", () => {
    const e = parseDesign("acquisition: 300 T+(isi=500ms) > extinction: 100 T-(isi=500ms)");
    expect(e.phases.map((p) => [p.name, p.trials])).toEqual([
      ["acquisition", 300],
      ["extinction", 100],
    ]);
    const [acq, ext] = e.phases.map((p) => p.trialTypes[0]);
    expect(acq).toEqual({
      name: "T+(isi=500)",
      proportion: 300,
      durationMs: 250 + 550 + 500,
      cues: [{ channel: "T", onsetMs: 250, durationMs: 550, magnitude: 1 }],
      us: [{ channel: "us", onsetMs: 750, durationMs: 50, magnitude: 1 }],
      probe: false,
    });
    // CS alone: the US stays (for analysis windows) but the trial is a probe.
    expect(ext.name).toBe("T-(isi=500)");
    expect(ext.probe).toBe(true);
    expect(ext.us).toEqual(acq.us);
    expect(e.phases[0].iti).toEqual({ meanMs: 1000, jitterMs: 200 });
    expect(e.phases[0].order).toBe("random");
  });

  it("a B1 mix of two ISIs in one phase", () => {
    const e = parseDesign("200 T+(isi=200) / 200 T+(isi=700)");
    expect(e.phases).toHaveLength(1);
    const p = e.phases[0];
    expect(p.name).toBe("phase1");
    expect(p.trials).toBe(400);
    expect(p.trialTypes.map((t) => [t.name, t.proportion, t.us[0].onsetMs])).toEqual([
      ["T+(isi=200)", 200, 450],
      ["T+(isi=700)", 200, 950],
    ]);
  });

  it("a compound: one cue channel per letter", () => {
    const t = parseDesign("20 TL+").phases[0].trialTypes[0];
    expect(t.name).toBe("TL+");
    expect(t.cues.map((c) => c.channel)).toEqual(["T", "L"]);
    expect(new Set(t.cues.map((c) => `${c.onsetMs}/${c.durationMs}`)).size).toBe(1);
  });

  it("a trace trial: CS duration = isi - trace; the count defaults to 1", () => {
    const e = parseDesign("T+(isi=600, trace=500)");
    const t = e.phases[0].trialTypes[0];
    expect(e.phases[0].trials).toBe(1);
    expect(t.name).toBe("T+(isi=600,trace=500)");
    expect(t.cues[0]).toMatchObject({ onsetMs: 250, durationMs: 100 });
    expect(t.us[0]).toMatchObject({ onsetMs: 850, durationMs: 50 });
    expect(t.durationMs).toBe(250 + 650 + 500);
  });

  it("backward pairing: the US before the CS, pre large enough", () => {
    const t = parseDesign("100 T+(isi=-300, pre=300)").phases[0].trialTypes[0];
    expect(t.us[0]).toMatchObject({ onsetMs: 0, durationMs: 50 });
    // cs defaults to max(isi, 0) + usdur.
    expect(t.cues[0]).toMatchObject({ onsetMs: 300, durationMs: 50 });
    expect(t.durationMs).toBe(300 + 50 + 500);
    const err = designError("100 T+(isi=-300)");
    expect(err.detail).toContain("at column 12");
    expect(err.detail).toContain("add pre=300");
  });

  it("applies every option and unit", () => {
    const e = parseDesign(
      "p1: 10 A+(isi=0.2s, cs=1s, us=2, usdur=20ms, pre=100, post=0.5s, iti=5s, jitter=1s, p=3)",
    );
    const phase = e.phases[0];
    const t = phase.trialTypes[0];
    expect(phase.iti).toEqual({ meanMs: 5000, jitterMs: 1000 });
    expect(t.name).toBe("A+(isi=200,cs=1000,us=2,usdur=20,pre=100,post=500)");
    expect(t.proportion).toBe(3);
    expect(t.cues[0]).toEqual({ channel: "A", onsetMs: 100, durationMs: 1000, magnitude: 1 });
    expect(t.us[0]).toEqual({ channel: "us", onsetMs: 300, durationMs: 20, magnitude: 2 });
    expect(t.durationMs).toBe(100 + 1000 + 500);
  });

  it("is free with whitespace between tokens, and names normalise it away", () => {
    const a = parseDesign("  acq :300T+ ( isi = 500 ms ,us=1 )/ 10 L-  >  5 T+ ");
    const b = parseDesign("acq: 300 T+(isi=500,us=1) / 10 L- > 5 T+");
    expect(a).toEqual(b);
    expect(a.phases[0].trialTypes[0].name).toBe("T+(isi=500,us=1)");
    expect(a.phases[1].name).toBe("phase2");
  });

  it("takes the phase ITI from any group, and defaults jitter to at most the ITI", () => {
    expect(parseDesign("10 T+ / 10 L+(iti=3000)").phases[0].iti).toEqual({
      meanMs: 3000,
      jitterMs: 200,
    });
    expect(parseDesign("10 T+(iti=100)").phases[0].iti).toEqual({ meanMs: 100, jitterMs: 100 });
    expect(parseDesign("10 T+(iti=0)").phases[0].iti).toEqual({ meanMs: 0, jitterMs: 0 });
    // Equal values in different units agree.
    expect(parseDesign("10 T+(iti=1s) / 10 L+(iti=1000)").phases[0].iti.meanMs).toBe(1000);
  });

  it("a phase without an ITI keeps the previous phase's ITI and jitter", () => {
    const e = parseDesign(
      "300 T+(iti=10s, jitter=2s) > 100 T- > 50 T+(iti=3000) > 10 T+(jitter=0)",
    );
    expect(e.phases.map((p) => p.iti)).toEqual([
      { meanMs: 10000, jitterMs: 2000 },
      { meanMs: 10000, jitterMs: 2000 },
      { meanMs: 3000, jitterMs: 200 },
      { meanMs: 3000, jitterMs: 0 },
    ]);
  });

  it("takes a paradigm's defaults when given them", () => {
    const defaults = { ...DESIGN_DEFAULTS, usdur: 100, iti: 2500, jitter: 1000 };
    const e = parseDesign("10 T+ > 10 T-(iti=500)", "design", defaults);
    expect(e.phases[0].iti).toEqual({ meanMs: 2500, jitterMs: 1000 });
    expect(e.phases[1].iti).toEqual({ meanMs: 500, jitterMs: 500 });
    expect(e.phases[0].trialTypes[0].us[0].durationMs).toBe(100);
    expect(e.phases[0].trialTypes[0].durationMs).toBe(250 + 600 + 500);
    // The plain defaults are unchanged.
    expect(parseDesign("10 T+").phases[0].trialTypes[0].us[0].durationMs).toBe(50);
    expect(parseDesign("10 T+").phases[0].iti).toEqual({ meanMs: 1000, jitterMs: 200 });
  });

  it("produces experiments that pass the schema unchanged", () => {
    for (const text of [
      "acquisition: 300 T+(isi=500ms) > extinction: 100 T-(isi=500ms)",
      "200 T+(isi=200) / 200 T+(isi=700)",
      "T+(isi=600, trace=500)",
      "100 T+(isi=-5000, pre=5000, post=0)",
      "1 T+(isi=0.1, usdur=0.1, cs=0.3, pre=0.2, post=0.7)",
    ]) {
      const e = parseDesign(text);
      expect(parseExperiment(e)).toEqual(e);
    }
  });
});

describe("parseDesign: errors", () => {
  it.each([
    [
      "300 Tx+",
      6,
      'expected "+" or "-" after cue letters (each cue is one uppercase letter), found "x"',
    ],
    ["", 1, "found the end of the design"],
    ["300", 4, "expected cue letters (uppercase A-Z) after the trial count"],
    ["300 t+", 5, 'expected cue letters (uppercase A-Z) after the trial count, found "t"'],
    ["acquisition 300 T+", 13, 'expected ":" after the phase name "acquisition", found "3"'],
    ["10 T+ x", 7, 'expected "(" (options), "/" (next group), ">" (next phase) or the end'],
    ["10 T+(isi=5) x", 14, 'expected "/" (next group), ">" (next phase) or the end'],
    ["10 T+ >", 8, "found the end of the design"],
    ["10 T+ / / 10 L+", 9, 'expected a trial count or cue letters (uppercase A-Z), found "/"'],
    ["10 TT+", 5, 'cue "T" appears twice in this trial'],
    ["0 T+", 1, "trial count 0; allowed: an integer 1..1000000"],
    ["2000000 T+", 1, "allowed: an integer 1..1000000"],
    ["600000 T+ / 600000 L+", 1, "this phase has 1200000 trials; allowed: at most 1000000"],
    [
      "10 T+()",
      7,
      'expected an option name (isi, cs, trace, us, usdur, pre, post, iti, jitter, p), found ")"',
    ],
    ["10 T+(foo=3)", 7, 'unknown option "foo"; allowed: isi, cs, trace'],
    ["10 T+(isi=3, isi=4)", 14, 'option "isi" is given twice'],
    ["10 T+(isi 3)", 11, 'expected "=" after option "isi", found "3"'],
    ["10 T+(isi=)", 11, 'expected a number for option "isi", found ")"'],
    ["10 T+(isi=3 min)", 13, 'unknown unit "min"; allowed: ms, s'],
    ["10 T+(us=3s)", 11, 'option "us" is not a time; it takes no unit'],
    ["10 T+(isi=3;", 12, 'expected "," or ")" in the option list, found ";"'],
    ["10 T+(isi=3", 12, 'expected "," or ")" in the option list, found the end of the design'],
    ["10 T+(isi=-6000)", 11, "isi=-6000; allowed: -5000..60000 ms"],
    ["10 T+(isi=70s)", 11, "isi=70s; allowed: -5000..60000 ms"],
    ["10 T+(cs=0)", 10, "cs=0; allowed: a number of ms > 0"],
    ["10 T+(usdur=0)", 13, "usdur=0; allowed: a number of ms > 0"],
    ["10 T+(us=-1)", 10, "us=-1; allowed: a number ≥ 0"],
    ["10 T+(p=0)", 9, "p=0; allowed: a number > 0"],
    ["10 T+(post=-1)", 12, "post=-1; allowed: 0..600000 ms"],
    ["10 T+(isi=-100, pre=50)", 21, "pre=50; allowed: 100..600000 ms"],
    ["10 T+(isi=500, trace=500)", 22, "trace=500; allowed: 0 ≤ trace < isi (500 ms)"],
    ["10 T+(isi=-50, trace=0)", 22, "trace=0; allowed: 0 ≤ trace < isi (-50 ms)"],
    ["10 T+(isi=500, cs=100, trace=50)", 30, '"cs" and "trace" cannot be combined'],
    ["10 T+(post=599999)", 1, "the trial window pre + max(cs, isi + usdur) + post is 600799 ms"],
    ["10 T+(iti=100, jitter=101)", 23, "jitter=101; allowed: 0 ≤ jitter ≤ iti (100 ms)"],
    ["10 T+(iti=100) / 10 L+(iti=200)", 28, "iti=200 disagrees with iti=100 earlier in this phase"],
    ["10 T+(iti=1s) / 10 L+(iti=2000)", 27, "iti=2000 disagrees with iti=1s"],
    [`10 T+(isi=${"9".repeat(400)})`, 11, "isi=99999999999999999999...; allowed"],
    ["10 T+ / 10 T+", 9, 'trial type "T+" appears twice in this phase'],
    ["10 T+(isi=0.5s) / 10 T+(isi=500)", 19, 'trial type "T+(isi=500)" appears twice'],
  ])("%j → column %i", (text, column, message) => {
    const err = designError(text);
    expect(err.field).toBe("design");
    expect(err.detail).toContain(`at column ${column}: `);
    expect(err.detail).toContain(message);
    // A caret under the column.
    const lines = err.detail.split("\n");
    expect(lines[2].indexOf("^")).toBe(2 + column - 1);
  });

  it("names the field it is given and uses line and column for multi-line text", () => {
    try {
      parseDesign("acq: 300 T+\n> ext: 100 Tq-", "experiment.design");
      expect.unreachable();
    } catch (e) {
      const err = e as ConfigError;
      expect(err.field).toBe("experiment.design");
      expect(err.detail).toMatch(/^at line 2, column 13: expected "\+" or "-"/);
      expect(err.detail.split("\n")[1]).toBe("  > ext: 100 Tq-");
    }
  });

  it("accepts multi-line designs", () => {
    const e = parseDesign("acquisition: 300 T+\n> extinction: 100 T-\n");
    expect(e.phases.map((p) => p.name)).toEqual(["acquisition", "extinction"]);
  });
});

describe("formatDesign", () => {
  it.each([
    "acquisition: 300 T+(isi=500ms) > extinction: 100 T-(isi=500ms)",
    "200 T+(isi=200) / 200 T+(isi=700)",
    "20 TL+",
    "T+(isi=600, trace=500)",
    "100 T+(isi=-300, pre=300)",
    "10 A+(p=0.5) / 10 B-(p=0.5, iti=3s, jitter=0)",
    "a: 10 A+(us=0.5, usdur=20, post=0) / 3 AB- > b_2: 1 B+(cs=0.001s)",
  ])("round-trips %j", (text) => {
    const e = parseDesign(text);
    const formatted = formatDesign(e);
    expect(parseDesign(formatted)).toEqual(e);
    expect(formatDesign(parseDesign(formatted))).toBe(formatted);
  });

  it.each([
    "300 T+(iti=10s, jitter=2s) > 100 T- > 50 T+(iti=3000) > 10 T+(jitter=0)",
    "10 T+(usdur=50) > 10 T-(iti=2500, jitter=1000)",
  ])("round-trips %j with a paradigm's defaults and inherited ITIs", (text) => {
    const defaults = { ...DESIGN_DEFAULTS, usdur: 100, iti: 2500, jitter: 1000 };
    const e = parseDesign(text, "design", defaults);
    const formatted = formatDesign(e, "experiment", defaults);
    expect(parseDesign(formatted, "design", defaults)).toEqual(e);
  });

  it("writes the canonical form", () => {
    expect(formatDesign(parseDesign("acq:300 T+(isi = 0.5 s) > 100 T-"))).toBe(
      "acq: 300 T+(isi=500) > 100 T-",
    );
  });

  it("writes JSON-form experiments whose layout fits", () => {
    const e = parseExperiment({
      phases: [
        {
          name: "phase1",
          trials: 30,
          trialTypes: [
            {
              name: "tone alone",
              proportion: 2,
              durationMs: 2000,
              cues: [{ channel: "T", onsetMs: 100, durationMs: 700 }],
              us: [{ onsetMs: 500, durationMs: 100 }],
              probe: true,
            },
          ],
        },
      ],
    });
    const text = formatDesign(e);
    expect(text).toBe("30 T-(isi=400, cs=700, usdur=100, pre=100, post=1200, p=2)");
    const back = parseDesign(text).phases[0].trialTypes[0];
    const { name: _n, ...layout } = e.phases[0].trialTypes[0];
    expect(back).toMatchObject(layout);
  });

  it("throws a ConfigError naming what a design string cannot express", () => {
    const base = parseDesign("10 T+");
    const withContext = structuredClone(base);
    withContext.phases[0].context = "boxA";
    expect(() => formatDesign(withContext)).toThrow(/experiment\.phases\[0\]\.context: cannot/);
    const alternate = structuredClone(base);
    alternate.phases[0].order = "alternate";
    expect(() => formatDesign(alternate)).toThrow(/phases\[0\]\.order/);
    const wordCue = structuredClone(base);
    wordCue.phases[0].trialTypes[0].name = "x";
    wordCue.phases[0].trialTypes[0].cues[0].channel = "tone";
    expect(() => formatDesign(wordCue)).toThrow(
      /phases\[0\]\.trialTypes\[0\]\.cues\[0\]\.channel: cannot be written/,
    );
    const noUs = structuredClone(wordCue);
    noUs.phases[0].trialTypes[0].cues[0].channel = "T";
    noUs.phases[0].trialTypes[0].us = [];
    expect(() => formatDesign(noUs)).toThrow(ConfigError);
  });
});
