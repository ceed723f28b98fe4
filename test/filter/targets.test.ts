/** The input-filter literature targets (DCN1–DCN4, F1, F2, F4, F5, F6), measured with default configs. */
import { describe } from "vitest";
import { filterTargets } from "../../src/validation/filterTargets.js";
import { scorecardTests } from "../validation/scorecard.js";

describe("filter targets", () => scorecardTests(filterTargets.map((t) => t.id)));
