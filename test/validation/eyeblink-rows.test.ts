import { describe } from "vitest";
import { scorecardTests } from "./scorecard.js";

/** The rows scored after the first scorecard (issue #18 item 7), on one animal. */
describe("eyeblink scorecard: long ISIs, days, graded acquisition, compounds", () =>
  scorecardTests(["E1-long", "T3", "T4", "B5"]));
