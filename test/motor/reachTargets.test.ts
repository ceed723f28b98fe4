/**
 * The reach scorecard targets (Smith, Ghazizadeh & Shadmehr 2006), measured as
 * `shoulda validate --only SGS-recovery,SGS-savings --animals 1` would (the screen rule: every
 * claim holds in animal 1). `shoulda validate` runs them over 8 subjects (docs/motor.md).
 */
import { describe } from "vitest";
import { reachTargets } from "../../src/validation/reachTargets.js";
import { scorecardTests } from "../validation/scorecard.js";

describe("reach targets", () => {
  scorecardTests(reachTargets.map((t) => t.id));
});
