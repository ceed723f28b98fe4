/**
 * How much of a known input component reaches an output: the least-squares gain of the output
 * on the component's template, Σ out·x / Σ x² (1 = passes unchanged, 0 = fully cancelled).
 * Other components and noise in `output` average out because they are uncorrelated with x.
 * `mask` (optional, one flag per element) restricts the sums, e.g. to an event's window.
 * `passThroughDb` is 20·log10 of the gain (0 dB = passes; negative = attenuated).
 */
export function templateGain(
  output: ArrayLike<number>,
  template: ArrayLike<number>,
  mask?: ArrayLike<number>,
): number {
  let cross = 0;
  let power = 0;
  for (let i = 0; i < template.length; i++) {
    if (mask && !mask[i]) continue;
    cross += output[i] * template[i];
    power += template[i] * template[i];
  }
  return power === 0 ? Number.NaN : cross / power;
}

export function passThroughDb(
  output: ArrayLike<number>,
  template: ArrayLike<number>,
  mask?: ArrayLike<number>,
): number {
  return 20 * Math.log10(Math.max(1e-12, templateGain(output, template, mask)));
}
