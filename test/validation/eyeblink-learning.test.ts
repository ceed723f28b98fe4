import { describe } from "vitest";
import { scorecardTests } from "./scorecard.js";

describe("eyeblink scorecard: mixtures, savings, trace, lesions", () =>
  scorecardTests(["B1", "B4", "X2", "X3", "TR1", "M1"]));
