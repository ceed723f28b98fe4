/**
 * The eyeblink timing model before issue #18 item 1 (tonic mossy units that do not adapt, a
 * quantile Golgi threshold with the floor θ₀ = 2, binary granule cells, the gamma window): its
 * tone-fed cells fire as long as the CS and its weak late bumps stay below the floor.
 */
export const FLOOR_LIMITED_TIMING = {
  basis: { tonicAdaptation: 0 },
  granule: { golgi: "quantile", threshold: 2, output: "binary" },
  plasticity: { pfPurkinje: { rule: "eligibility" } },
};
