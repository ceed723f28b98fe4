/** Mean of several equally long traces, averaged into bins of `binSteps` steps. */
export function meanProfile(traces: readonly ArrayLike<number>[], binSteps = 1): Float64Array {
  if (traces.length === 0) return new Float64Array(0);
  const length = Math.min(...traces.map((t) => t.length));
  const bins = Math.ceil(length / binSteps);
  const out = new Float64Array(bins);
  const counts = new Float64Array(bins);
  for (const trace of traces) {
    for (let t = 0; t < length; t++) {
      const b = Math.floor(t / binSteps);
      out[b] += trace[t];
      counts[b]++;
    }
  }
  for (let b = 0; b < bins; b++) out[b] /= counts[b];
  return out;
}
