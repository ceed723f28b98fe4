import { describe, expect, it } from "vitest";
import { summarisePhases, trialRows } from "../../src/paradigms/eyeblink/analyse.js";
import { DEFAULT_ITI, eyeblink } from "../../src/paradigms/eyeblink/index.js";
import type { TrialRecord } from "../../src/paradigms/eyeblink/simulate.js";
import { getParadigm } from "../../src/paradigms/registry.js";
import { formatDesign, parseDesign } from "../../src/protocol/design.js";
import type { TrialType } from "../../src/protocol/types.js";

describe("eyeblink: design strings get the paradigm's timing", () => {
  it("a design string run as eyeblink has the default experiment's US and ITI", () => {
    const fromString = eyeblink.resolve({ experiment: { design: "acq: 20 T+ > ext: 10 T-" } });
    const standard = eyeblink.resolve({});
    const standardUs = standard.experiment.phases[0].trialTypes[0].us[0].durationMs;
    expect(standardUs).toBe(100);
    for (const phase of [...fromString.experiment.phases, ...standard.experiment.phases]) {
      expect(phase.iti).toEqual(DEFAULT_ITI);
      for (const type of phase.trialTypes) expect(type.us[0].durationMs).toBe(standardUs);
    }
  });

  it("an explicit option still wins, and later phases inherit it", () => {
    const config = eyeblink.resolve({
      experiment: { design: "20 T+(usdur=50, iti=1500, jitter=500) > 10 T-" },
    });
    expect(config.experiment.phases[0].trialTypes[0].us[0].durationMs).toBe(50);
    expect(config.experiment.phases[1].trialTypes[0].us[0].durationMs).toBe(100);
    expect(config.experiment.phases[1].iti).toEqual({ meanMs: 1500, jitterMs: 500 });
  });

  it("the default experiment writes back as a short design string of its own", () => {
    const { experiment } = eyeblink.resolve({});
    const text = formatDesign(experiment, "experiment", eyeblink.designDefaults);
    expect(text).not.toMatch(/usdur=|iti=|jitter=/);
    expect(eyeblink.resolve({ experiment: { design: text } }).experiment).toEqual(experiment);
    // Paradigms without their own timing keep the plain defaults.
    expect(getParadigm("fear").designDefaults).toBeUndefined();
  });
});

describe("eyeblink: the probe CR's fall-back after the US time", () => {
  const dt = 5;
  const [longProbe] = parseDesign("10 T-(cs=1300)").phases[0].trialTypes;
  const [shortProbe] = parseDesign("10 T-").phases[0].trialTypes;
  /** A probe's eyelid: a CR of height 0.5 peaking at the US time, then `after` until the end. */
  function probeRecord(type: TrialType, after: number, index: number): TrialRecord {
    const steps = type.durationMs / dt;
    const us = type.us[0].onsetMs / dt;
    const eyelid = new Float32Array(steps);
    for (let t = 0; t < steps; t++) eyelid[t] = t < us - 60 ? 0 : t <= us ? 0.5 : after;
    const trial = {
      index,
      phaseIndex: 0,
      phase: "probe",
      indexInPhase: index,
      trialType: type,
      itiMs: 2500,
    };
    return { trial, eyelid, pause: new Float32Array(steps) };
  }
  const analysis = eyeblink.resolve({}).analysis;
  const fraction = (records: TrialRecord[]) =>
    summarisePhases(trialRows(records, dt, analysis), analysis)[0].probeLateFraction;

  it("is the late closure over the peak on probes whose CS lasts past the late window", () => {
    expect(fraction([probeRecord(longProbe, 0, 0), probeRecord(longProbe, 0, 1)])).toBeCloseTo(
      0,
      6,
    );
    expect(fraction([probeRecord(longProbe, 0.5, 0)])).toBeCloseTo(1, 6);
    expect(fraction([probeRecord(longProbe, 0.1, 0), probeRecord(longProbe, 0.2, 1)])).toBeCloseTo(
      0.3,
      6,
    );
  });

  it("is not measured where the CS ends at the US (no probe outlasts it)", () => {
    expect(fraction([probeRecord(shortProbe, 0.5, 0)])).toBeNull();
    expect(trialRows([probeRecord(shortProbe, 0.5, 0)], dt, analysis)[0].lateClosure).toBeNaN();
  });
});
