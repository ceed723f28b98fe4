/** Rescorla–Wagner reproduces its textbook acquisition curve, alone and through the fear runner. */
import { describe, expect, it } from "vitest";
import { RescorlaWagner, rescorlaWagnerParamsSchema } from "../../src/brain/rescorlaWagner.js";
import { simulateRescorlaWagner } from "../../src/paradigms/fear/rescorlaWagnerRun.js";
import { parseExperiment } from "../../src/protocol/schema.js";

const textbook = (lambda: number, ab: number, n: number) => lambda * (1 - (1 - ab) ** n);

describe("Rescorla–Wagner acquisition", () => {
  it("V_n = λ(1 − (1 − αβ)^n) for one cue", () => {
    const params = rescorlaWagnerParamsSchema.parse({ betaReinforced: 0.4 });
    const rw = new RescorlaWagner(params);
    for (let n = 1; n <= 30; n++) {
      rw.trial([{ name: "T", alpha: 0.3 }], 0.8);
      expect(rw.value(["T"])).toBeCloseTo(textbook(0.8, 0.3 * 0.4, n), 12);
    }
  });

  it("the fear runner's per-trial strength follows the same curve (context silent, no ITI trials)", () => {
    const params = rescorlaWagnerParamsSchema.parse({
      alphaCue: 0.5,
      alphaContext: 0,
      betaReinforced: 0.6,
      itiAsTrial: false,
    });
    const experiment = parseExperiment(
      { design: "20 T+(cs=10s,isi=9s,usdur=1s,iti=60s)" },
      "experiment",
    );
    const rows = simulateRescorlaWagner({ experiment, gapsHours: [0] }, 1, params);
    expect(rows).toHaveLength(20);
    // strength is ΣV read before the trial's learning: trial n (0-based) has had n pairings.
    for (const [n, r] of rows.entries())
      expect(r.strength).toBeCloseTo(textbook(1, 0.5 * 0.6, n), 12);
  });
});
