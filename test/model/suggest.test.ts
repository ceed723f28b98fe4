import { describe, expect, it } from "vitest";
import { closest, didYouMean } from "../../src/model/suggest.js";

describe("did you mean", () => {
  const paradigms = ["eyeblink", "vor", "fear", "shortcut", "dcn", "ell", "mouse"];

  it("suggests the closest name within a typo's distance", () => {
    expect(closest("eyebink", paradigms)).toBe("eyeblink");
    expect(closest("fera", paradigms)).toBe("fear");
    expect(closest("model.granul.count", ["model.granule.count", "model.mossy.count"])).toBe(
      "model.granule.count",
    );
    expect(didYouMean("mosue", paradigms)).toBe(' (did you mean "mouse"?)');
  });

  it("suggests nothing for a name that is not a typo of any", () => {
    expect(closest("xyzzyq", paradigms)).toBeUndefined();
    expect(closest("Q9", ["T1", "E1"])).toBeUndefined();
    expect(closest("T11", ["T1", "E1"])).toBe("T1");
    expect(didYouMean("completely-different", paradigms)).toBe("");
  });
});
