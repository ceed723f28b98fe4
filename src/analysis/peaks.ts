/**
 * Local maxima of a profile that stand out: a peak must exceed every value within `halfWidth`
 * samples on both sides and rise at least `prominence` above the lowest point between it and
 * any higher peak (or the profile's edge). Returns indices, in order.
 */
export function findPeaks(values: ArrayLike<number>, prominence: number, halfWidth = 1): number[] {
  const n = values.length;
  const peaks: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    let isMax = true;
    for (let j = Math.max(0, i - halfWidth); j <= Math.min(n - 1, i + halfWidth) && isMax; j++) {
      if (j !== i && (values[j] > v || (values[j] === v && j < i))) isMax = false;
    }
    if (!isMax) continue;
    // Prominence: walk outwards on each side until a higher value; keep the lowest point seen.
    let leftMin = v;
    for (let j = i - 1; j >= 0 && values[j] <= v; j--) leftMin = Math.min(leftMin, values[j]);
    let rightMin = v;
    for (let j = i + 1; j < n && values[j] <= v; j++) rightMin = Math.min(rightMin, values[j]);
    if (v - Math.max(leftMin, rightMin) >= prominence) peaks.push(i);
  }
  return peaks;
}
