import { describe } from "vitest";
import { scorecardTests } from "./scorecard.js";

describe("eyeblink scorecard: mixtures, savings, trace, lesions", () =>
  scorecardTests(["B1", "X2", "X3", "X5", "X7", "TR1", "TR3", "TR5", "Medina2000"]));
