import { describe } from "vitest";
import { scorecardTests } from "./scorecard.js";

/**
 * T1 and B4 are windows on the timing of a group's mean CR: one animal's probe peak scatters by
 * about ±10 % of the ISI (seeds 1–8 at ISI 1000: 0.5–13.5 %), so the suite scores them on the
 * smallest group the statistics use (5 animals); E1, E2, E3, E4, T2, T6, T7 and the kernel check R1-trace on
 * one animal.
 */
describe("eyeblink scorecard: timing", () => scorecardTests(["T1", "B4"], 5));
describe("eyeblink scorecard: ISI", () => scorecardTests(["E1", "E2", "R1-trace"]));
describe("eyeblink scorecard: Purkinje pauses", () => scorecardTests(["T6", "T7", "E3"]));
describe("eyeblink scorecard: onsets and short ISIs", () => scorecardTests(["T2", "E4"]));
