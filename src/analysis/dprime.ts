/** Detection sensitivity d′ = (mean S − mean N) / √((var S + var N) / 2), from samples of a statistic. */
export function dPrime(signal: readonly number[], noise: readonly number[]): number {
  const m = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const variance = (v: readonly number[], mu: number) =>
    v.reduce((s, x) => s + (x - mu) ** 2, 0) / Math.max(1, v.length - 1);
  if (signal.length < 2 || noise.length < 2) return Number.NaN;
  const ms = m(signal);
  const mn = m(noise);
  const sd = Math.sqrt((variance(signal, ms) + variance(noise, mn)) / 2);
  return sd === 0 ? Number.NaN : (ms - mn) / sd;
}
