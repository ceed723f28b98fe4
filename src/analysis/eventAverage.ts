/**
 * Event-locked average of a multichannel series (steps × N, step-major): the mean of the
 * `length` steps after each event onset, per channel. Events whose window runs past the end
 * are skipped. Returns length × N (step-major) and how many events went in.
 */
export function eventAverage(
  series: ArrayLike<number>,
  channels: number,
  onsets: readonly number[],
  length: number,
): { average: Float64Array; count: number } {
  const average = new Float64Array(length * channels);
  const steps = series.length / channels;
  let count = 0;
  for (const on of onsets) {
    if (on < 0 || on + length > steps) continue;
    count++;
    for (let k = 0; k < length * channels; k++) average[k] += series[on * channels + k];
  }
  if (count > 0) for (let k = 0; k < average.length; k++) average[k] /= count;
  return { average, count };
}
