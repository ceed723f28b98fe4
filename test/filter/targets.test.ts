/** The input-filter literature targets (DCN1–DCN4, F1, F2, F4, F5, F6; tinnitus D4, D5), measured with default configs. */
import { describe } from "vitest";
import { filterTargets } from "../../src/validation/filterTargets.js";
import { tinnitusTargets } from "../../src/validation/tinnitusTargets.js";
import { scorecardTests } from "../validation/scorecard.js";

describe("filter targets", () => scorecardTests(filterTargets.map((t) => t.id)));
describe("tinnitus targets", () => scorecardTests(tinnitusTargets.map((t) => t.id)));
