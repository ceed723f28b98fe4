/** The TypeScript reference kernels: boring loops over typed arrays. See kernel.ts. */
import type { Kernel } from "./kernel.js";

export const referenceKernel: Kernel = {
  name: "ts",

  granuleDrive(units, inputs, fanIn, drive) {
    const n = drive.length;
    if (fanIn === 4) {
      // The default K; unrolled because this loop is most of a step's cost.
      for (let i = 0, q = 0; i < n; i++, q += 4) {
        drive[i] = units[inputs[q]] + units[inputs[q + 1]] + units[inputs[q + 2]] + units[inputs[q + 3]];
      }
      return;
    }
    for (let i = 0, q = 0; i < n; i++) {
      let h = 0;
      for (let k = 0; k < fanIn; k++, q++) h += units[inputs[q]];
      drive[i] = h;
    }
  },

  selectActive(drive, target, floor, active, histogram) {
    // Pass 1: cells above the floor (usually a small minority), and the largest drive.
    const n = drive.length;
    let count = 0;
    let max = floor;
    for (let i = 0; i < n; i++) {
      const h = drive[i];
      if (h > floor) {
        if (count < active.length) active[count] = i;
        count++;
        if (h > max) max = h;
      }
    }
    if (count <= target) return count;
    // Too many: histogram the drives above the floor and find the bin where the count from the
    // top reaches `target`. Cells above that bin all fire; cells in it fire in index order.
    const bins = histogram.length;
    histogram.fill(0);
    const scale = (bins - 1e-3) / (max - floor);
    for (let i = 0; i < n; i++) {
      const h = drive[i];
      if (h > floor) histogram[Math.floor((h - floor) * scale)]++;
    }
    let cut = bins - 1;
    let fromTop = histogram[cut];
    while (fromTop < target && cut > 0) {
      cut--;
      fromTop += histogram[cut];
    }
    let room = target - (fromTop - histogram[cut]);
    count = 0;
    for (let i = 0; i < n; i++) {
      const h = drive[i];
      if (h <= floor) continue;
      const b = Math.floor((h - floor) * scale);
      if (b > cut || (b === cut && room-- > 0)) active[count++] = i;
    }
    return count;
  },

  purkinjeSum(active, count, w, purkinje, w0, out) {
    out.fill(0);
    if (purkinje === 1) {
      let s = 0;
      for (let j = 0; j < count; j++) s += w[active[j]];
      out[0] = s - count * w0;
      return;
    }
    for (let j = 0; j < count; j++) {
      const base = active[j] * purkinje;
      for (let p = 0; p < purkinje; p++) out[p] += w[base + p];
    }
    for (let p = 0; p < purkinje; p++) out[p] -= count * w0;
  },

  updateWeights(active, count, w, purkinje, dw, lo, hi) {
    for (let j = 0; j < count; j++) {
      const base = active[j] * purkinje;
      for (let p = 0; p < purkinje; p++) {
        const d = dw[p];
        if (d === 0) continue;
        let v = w[base + p] + d;
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[base + p] = v;
      }
    }
  },
};
