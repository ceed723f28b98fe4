// Bytes one bench step moves, and the lower bound on its time they set on a machine that streams
// at `bandwidthGBs` and takes `rowNs` per random weight row (misses overlapped as the kernels
// overlap them). Counts the big arrays only (mossy, basis, olive and nucleus are ≤ 100 KB):
//   streamed: the packed wiring (K u8 or u16 per cell, as the wasm kernel packs it), the drive
//             written and read back by the selection (float32 per cell);
//   random:   the active rows summed (k = f·N) and the rows of the cells active L steps ago
//             updated (k more), each a P-wide row of the tier's weight type.
// Tiers: float32 (the reference), int16 (the integer tier: rows of P × 2 bytes, one cache line
// at P = 32). `churn`, when given, is the measured fraction of the active list that changes per
// step (cells entering, = cells leaving, over k): the incremental sums read 2·churn·k rows.
export function stepBytes(params, { bandwidthGBs, rowNs, churn }) {
  const N = params.granule.count;
  const K = params.granule.fanIn;
  const P = params.purkinje.count;
  const units = params.mossy.count * (1 + params.basis.bumps);
  const k = Math.max(1, Math.round(params.granule.codingLevel * N));
  const streamedBytes = N * (K * (units <= 256 ? 1 : 2) + 8);
  const tier = (name, rowBytes, summedRows) => {
    const randomRows = summedRows + k;
    const boundMs = (streamedBytes / (bandwidthGBs * 1e9) + (randomRows * rowNs) / 1e9) * 1000;
    return { tier: name, streamedBytes, randomRows, rowBytes, boundMs };
  };
  const tiers = [tier("float32", 4 * P, k), tier("int16", 2 * P, k)];
  if (churn !== undefined) tiers.push(tier("int16Δ", 2 * P, Math.round(2 * churn * k)));
  return { granuleCells: N, tiers };
}
