import { afterEach, describe, expect, it } from "vitest";
import { eyeblinkModelOf } from "../../src/cli/validate.js";
import { eyeblink, overrideEyeblinkModel } from "../../src/paradigms/eyeblink/index.js";

describe("validate --eyeblink-set: model settings over every eyeblink run's defaults", () => {
  afterEach(() => overrideEyeblinkModel(null));

  it("parses model.PATH=VALUE pairs into one sparse model object", () => {
    expect(eyeblinkModelOf([])).toBeUndefined();
    expect(eyeblinkModelOf(["model.olive.usDrive=onset", "model.olive.usOnsetTauMs=10"])).toEqual({
      olive: { usDrive: "onset", usOnsetTauMs: 10 },
    });
  });

  it("refuses a bad pair, an unknown path or a bad value, naming the field", () => {
    expect(() => eyeblinkModelOf(["olive.usDrive=onset"])).toThrow(/--eyeblink-set: got/);
    expect(() => eyeblinkModelOf(["model.olive.usDriv=onset"])).toThrow(
      /--eyeblink-set model\.olive\.usDriv: unknown path \(did you mean "model\.olive\.usDrive"\?\)/,
    );
    expect(() => eyeblinkModelOf(["model.olive.usDrive=offset"])).toThrow(
      /model\.olive\.usDrive: got "offset"; allowed: one of "sustained", "onset"/,
    );
  });

  it("lays the settings over the paradigm's defaults while set; a run's own settings win", () => {
    expect(eyeblink.resolve({}).model.olive.usDrive).toBe("sustained");
    overrideEyeblinkModel({ olive: { usDrive: "onset" } });
    const config = eyeblink.resolve({ model: { granule: { count: 1000 } } });
    expect(config.model.olive.usDrive).toBe("onset");
    expect(config.model.dtMs).toBe(5);
    expect(config.model.granule.count).toBe(1000);
    const own = eyeblink.resolve({ model: { olive: { usDrive: "sustained" } } });
    expect(own.model.olive.usDrive).toBe("sustained");
    overrideEyeblinkModel(null);
    expect(eyeblink.resolve({}).model.olive.usDrive).toBe("sustained");
  });
});
