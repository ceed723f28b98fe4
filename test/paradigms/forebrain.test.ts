import { describe, expect, it } from "vitest";
import { ForebrainBridge, forebrainSchema } from "../../src/brain/forebrain.js";
import { phase, simulateEyeblink, trialType } from "../../src/paradigms/eyeblink/experiments.js";
import { eyeblink } from "../../src/paradigms/eyeblink/index.js";
import { crPercent, inPhase } from "../../src/validation/eyeblinkHelpers.js";
import { FLOOR_LIMITED_TIMING } from "./eyeblinkModels.js";

const dtMs = 5;

/** The bridge's output over `steps` steps of a cue that is on for the first `cueSteps`. */
function bridgeTrace(params: Record<string, unknown>, cueSteps: number, steps: number): number[] {
  const bridge = new ForebrainBridge(forebrainSchema.parse(params), 1, dtMs);
  const out = new Float64Array(2);
  return Array.from({ length: steps }, (_, t) => {
    bridge.step([t < cueSteps ? 1 : 0], out, 1);
    return out[1];
  });
}

describe("forebrain bridge (trace conditioning's persistent input)", () => {
  it("is silent while the cue lasts, then decays with τ_f after it ends; a lesioned bridge stays silent", () => {
    const trace = bridgeTrace({ enabled: true, persistenceMs: 400 }, 50, 250);
    expect(trace.slice(0, 50).every((v) => v === 0)).toBe(true);
    expect(trace[50]).toBeCloseTo(Math.exp(-dtMs / 400), 12);
    // 400 ms after the cue's last step: e^(−1).
    expect(trace[49 + 400 / dtMs]).toBeCloseTo(Math.exp(-1), 12);
    expect(trace[49 + 200 / dtMs]).toBeCloseTo(Math.exp(-0.5), 12);
    expect(bridgeTrace({ enabled: true, lesioned: true }, 50, 250).every((v) => v === 0)).toBe(
      true,
    );
  });

  it("is off by default and refuses a non-positive persistence by name", () => {
    expect(eyeblink.resolve({}).forebrain).toEqual({
      enabled: false,
      persistenceMs: 500,
      lesioned: false,
    });
    expect(() => eyeblink.resolve({ forebrain: { persistenceMs: 0 } })).toThrow(
      /forebrain\.persistenceMs/,
    );
  });

  it("a lesioned bridge gives the cerebellum-only animal bit for bit; an intact one changes it", () => {
    const experiment = { phases: [phase("trace", 30, [trialType({ isiMs: 500, csMs: 250 })])] };
    const eyelids = (forebrain: Record<string, unknown>) =>
      simulateEyeblink(experiment, 3, {}, {}, forebrain).records.map((r) => Array.from(r.eyelid));
    const off = eyelids({});
    expect(eyelids({ enabled: true, lesioned: true })).toEqual(off);
    expect(eyelids({ enabled: true })).not.toEqual(off);
  });

  // The eyeblink default's timing code (phasic-tonic input, Golgi feedback with no floor) bridges
  // short traces itself, so the bridge is tested on the earlier floor-limited granule layer, whose
  // tone-fed cells fall silent when the CS ends and whose weak late bumps stay below the floor.
  const traceCr = (model: Record<string, unknown>, forebrain: Record<string, unknown>) => {
    const experiment = { phases: [phase("trace", 150, [trialType({ isiMs: 500, csMs: 250 })])] };
    const rows = simulateEyeblink(experiment, 1, model, {}, forebrain).rows;
    return crPercent(inPhase(rows, "trace").slice(100));
  };

  it("bridges a 250-ms trace that a floor-limited cerebellum alone does not learn", () => {
    expect(traceCr(FLOOR_LIMITED_TIMING, { enabled: true })).toBeGreaterThan(50);
    expect(traceCr(FLOOR_LIMITED_TIMING, {})).toBeLessThan(10);
  }, 120_000);

  it("the default cerebellum learns a 250-ms trace without the bridge (issue #18)", () => {
    expect(traceCr({}, {})).toBeGreaterThan(50);
  }, 120_000);
});
