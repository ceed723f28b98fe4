import { describe } from "vitest";
import { scorecardTests } from "./scorecard.js";

describe("eyeblink scorecard: timing and ISI", () => scorecardTests(["T1", "E1", "E2", "R1"]));
