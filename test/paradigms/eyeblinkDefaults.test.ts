import { describe, expect, it } from "vitest";
import { DEFAULT_ITI, eyeblink } from "../../src/paradigms/eyeblink/index.js";
import { getParadigm } from "../../src/paradigms/registry.js";
import { formatDesign } from "../../src/protocol/design.js";

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
