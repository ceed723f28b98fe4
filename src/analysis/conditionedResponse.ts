/**
 * Conditioned-response measures of one trial's eyelid trace (1 = full closure).
 *
 *   amplitude     eyelid closure at US onset (mean over the last 10 ms before it), the measure of
 *                 the Medina lab (e.g. Heiney et al. 2014, J Neurosci 34:2321 [M])
 *   cr            amplitude ≥ crThreshold (a CR: the lid is closing when the US arrives)
 *   peak          the largest closure from CS onset + crWindowStart to the end of the trial, and
 *                 its latency from CS onset (meaningful on probe trials, where no US masks it)
 *   onsetLatency  first time after CS onset + crWindowStart that the closure reaches
 *                 onsetThreshold, if that is before the US (or trial end on probe trials)
 * Times are ms from CS onset; NaN where undefined.
 */
export interface CrCriteria {
  crThreshold: number;
  crWindowStartMs: number;
  onsetThreshold: number;
}

export interface CrMeasures {
  amplitude: number;
  cr: boolean;
  peakAmplitude: number;
  peakLatencyMs: number;
  onsetLatencyMs: number;
}

export function measureCr(
  eyelid: ArrayLike<number>,
  dtMs: number,
  csOnsetMs: number,
  usOnsetMs: number | undefined,
  probe: boolean,
  criteria: CrCriteria,
): CrMeasures {
  const step = (ms: number) => Math.round(ms / dtMs);
  const cs = step(csOnsetMs);
  const start = step(csOnsetMs + criteria.crWindowStartMs);
  const us = usOnsetMs === undefined ? eyelid.length : Math.min(eyelid.length, step(usOnsetMs));
  let amplitude = Number.NaN;
  if (usOnsetMs !== undefined && us > cs) {
    const from = Math.max(cs, us - Math.max(1, step(10)));
    let s = 0;
    for (let t = from; t < us; t++) s += eyelid[t];
    amplitude = s / (us - from);
  }
  const peakEnd = probe || usOnsetMs === undefined ? eyelid.length : us;
  let peak = Number.NaN;
  let peakAt = -1;
  for (let t = start; t < peakEnd; t++) {
    if (!(eyelid[t] <= peak)) {
      peak = eyelid[t];
      peakAt = t;
    }
  }
  let onset = Number.NaN;
  for (let t = start; t < peakEnd; t++) {
    if (eyelid[t] >= criteria.onsetThreshold) {
      onset = (t - cs) * dtMs;
      break;
    }
  }
  return {
    amplitude,
    cr: amplitude >= criteria.crThreshold,
    peakAmplitude: peak,
    peakLatencyMs: peakAt < 0 ? Number.NaN : (peakAt - cs) * dtMs,
    onsetLatencyMs: onset,
  };
}
