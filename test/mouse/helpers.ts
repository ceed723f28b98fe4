/** A small, fast mouse for tests: a few simulated minutes, a small brain, a busy life. */
import { resolveMouse } from "../../src/paradigms/mouse/config.js";

export function smallMouse(overrides: Record<string, unknown> = {}) {
  return resolveMouse({
    seed: 3,
    durationMin: 4,
    filterModel: { granule: { count: 1000 } },
    cerebellum: {
      granule: { count: 1500 },
      // Faster PF→PC learning: a few dozen tones instead of the hour's ≈ 180.
      plasticity: { pfPurkinje: { ltd: 0.001, ltp: 0.001 } },
    },
    amygdala: { la: { count: 600 }, itc: { count: 600 } },
    life: {
      dwellMinS: 10,
      dwellMaxS: 20,
      placeWeights: { spout: 0.4, open: 0.3, corner: 0.3 },
      tonesPerMin: 12,
      toneGapS: 2,
      lightsPerMin: 2,
      lightGapS: 15,
      cornerShocksPerMin: 2,
    },
    analysis: { windowS: 30, probeS: 2 },
    ...overrides,
  });
}
