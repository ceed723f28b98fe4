import { afterEach, describe, expect, it } from "vitest";
import { eyeblinkOverrideOf } from "../../src/cli/validate.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { simulateEyeblink } from "../../src/paradigms/eyeblink/experiments.js";
import { eyeblink, overrideEyeblink } from "../../src/paradigms/eyeblink/index.js";

describe("validate --eyeblink-set: model settings over every eyeblink run's defaults", () => {
  afterEach(() => overrideEyeblink(null));

  it("parses model.PATH=VALUE pairs into one sparse model object", () => {
    expect(eyeblinkOverrideOf([])).toBeUndefined();
    expect(
      eyeblinkOverrideOf([
        "model.olive.usDrive=onset",
        "model.olive.usOnsetTauMs=10",
        "body.responseVariability=0.5",
      ]),
    ).toEqual({
      model: { olive: { usDrive: "onset", usOnsetTauMs: 10 } },
      body: { responseVariability: 0.5 },
    });
  });

  it("refuses a bad pair, an unknown path or a bad value, naming the field", () => {
    expect(() => eyeblinkOverrideOf(["olive.usDrive=onset"])).toThrow(/--eyeblink-set: got/);
    expect(() => eyeblinkOverrideOf(["model.olive.usDriv=onset"])).toThrow(
      /--eyeblink-set model\.olive\.usDriv: unknown path \(did you mean "model\.olive\.usDrive"\?\)/,
    );
    expect(() => eyeblinkOverrideOf(["model.olive.usDrive=offset"])).toThrow(
      /model\.olive\.usDrive: got "offset"; allowed: one of "sustained", "onset"/,
    );
    expect(() => eyeblinkOverrideOf(["body.responseVariability=3"])).toThrow(
      /body\.responseVariability/,
    );
  });

  it("lays the settings over the paradigm's defaults while set; a run's own settings win", () => {
    expect(eyeblink.resolve({}).model.olive.usDrive).toBe("onset");
    overrideEyeblink({
      model: { olive: { usDrive: "sustained" } },
      body: { responseVariability: 0.5, motorDelayMs: 60 },
    });
    const config = eyeblink.resolve({
      model: { granule: { count: 1000 } },
      body: { motorDelayMs: 70 },
    });
    expect(config.body.responseVariability).toBe(0.5);
    expect(config.body.motorDelayMs).toBe(70);
    expect(config.model.olive.usDrive).toBe("sustained");
    expect(config.model.dtMs).toBe(5);
    expect(config.model.granule.count).toBe(1000);
    const own = eyeblink.resolve({ model: { olive: { usDrive: "onset" } } });
    expect(own.model.olive.usDrive).toBe("onset");
    overrideEyeblink(null);
    expect(eyeblink.resolve({}).model.olive.usDrive).toBe("onset");
    expect(eyeblink.resolve({}).body.responseVariability).toBe(0);
  });

  it("the eyeblink paradigm's olive defaults to onset; sustained stays an option, the model's own default", () => {
    // The cerebellum's own default is unchanged (signed, sustained errors elsewhere).
    expect(cerebellumParamsSchema.parse({}).olive.usDrive).toBe("sustained");
    // Only the olive's drive differs between the paradigm's default and an explicit sustained.
    const onset = eyeblink.resolve({});
    const sustained = eyeblink.resolve({ model: { olive: { usDrive: "sustained" } } });
    expect({ ...sustained.model, olive: { ...sustained.model.olive, usDrive: "onset" } }).toEqual(
      onset.model,
    );
    // And a run: the default is the onset olive bit for bit, not the sustained one.
    const { experiment } = eyeblink.resolve({ experiment: { design: "12 T+(isi=500)" } });
    const run = (model: Record<string, unknown>) =>
      simulateEyeblink(experiment, 1, { granule: { count: 500 }, ...model }).rows;
    const byDefault = run({});
    expect(byDefault).toEqual(run({ olive: { usDrive: "onset" } }));
    expect(byDefault).not.toEqual(run({ olive: { usDrive: "sustained" } }));
  });
});
