/**
 * Live plots of an eyeblink run, fed one trial at a time:
 *  - the CR profile: mean eyelid closure per block of trials against time from CS onset, old
 *    blocks light and new ones dark, so the response can be seen growing and moving to the US;
 *  - a raster of every trial's eyelid (rows = trials, colour = closure);
 *  - the acquisition curve: CR % per block and each trial's amplitude at US onset;
 *  - the latest trial: eyelid, Purkinje pause and climbing-fibre error;
 *  - the PF→PC weight distribution.
 * The numbers behind the plots are kept in {@link EyeblinkView.data} (and exposed on
 * `window.__shoulda` by the page) so that tests can check what is drawn.
 */
import type { TrialMsg } from "./messages.js";
import { Chart, ramp, viridis } from "./plots.js";
import { ThrottledDraw } from "./throttledDraw.js";

export interface BlockProfile {
  block: number;
  /** First and last trial numbers (1-based) of the block. */
  first: number;
  last: number;
  n: number;
  /** Mean eyelid per step. */
  eyelid: number[];
  /** Time of the largest mean closure after CS onset + the CR window start, from CS onset (ms). */
  peakLatencyMs: number | null;
  peakValue: number;
}

export interface LayoutProfiles {
  key: string;
  csOnsetMs: number;
  usOnsetMs: number | null;
  isiMs: number | null;
  durationMs: number;
  dtMs: number;
  blocks: BlockProfile[];
}

export interface PlotData {
  trials: number;
  total: number;
  blockSize: number;
  /** CR profiles per block, for the layout of the latest trial. */
  profile: LayoutProfiles | null;
  /** CR % per block of all trials: x = last trial of the block (1-based). */
  acquisition: { x: number[]; crPercent: number[]; amplitude: (number | null)[] };
  stepsPerSecond: number | null;
  steps: number;
}

interface Accum {
  sum: Float64Array;
  n: number;
  first: number;
  last: number;
}

const layoutKey = (t: TrialMsg) =>
  `${t.durationMs}|${t.csOnsetMs}|${t.usOnsetMs ?? "none"}|${t.dtMs}`;
const MAX_BLOCK_LINES = 24;

export class EyeblinkView {
  private readonly trials: TrialMsg[] = [];
  /** layout key → block index → running sums. */
  private readonly blocks = new Map<string, Map<number, Accum>>();
  private readonly crByBlock = new Map<number, { hits: number; n: number }>();
  private readonly panels: Record<string, HTMLElement> = {};
  private readonly raster: HTMLCanvasElement;
  private rasterMax = 0.2;
  private maxDurationMs = 0;
  private readonly redraw = new ThrottledDraw(() => this.draw());

  constructor(
    private readonly root: HTMLElement,
    private readonly blockSize: number,
    private readonly crWindowStartMs: number,
    private readonly total: number,
  ) {
    root.innerHTML = "";
    root.classList.add("plots");
    for (const id of ["profile", "raster", "acquisition", "trial", "weights"]) {
      const div = document.createElement("figure");
      div.className = "plot";
      div.id = `plot-${id}`;
      root.append(div);
      this.panels[id] = div;
    }
    this.panels.raster.innerHTML =
      '<figcaption>Eyelid on every trial <span class="muted">(rows = trials, colour = closure)</span></figcaption>';
    this.raster = document.createElement("canvas");
    this.raster.width = 460;
    this.raster.height = 200;
    this.panels.raster.append(this.raster);
    const legend = document.createElement("div");
    legend.className = "raster-legend muted";
    this.panels.raster.append(legend);
    this.draw();
  }

  add(t: TrialMsg): void {
    this.trials.push(t);
    const key = layoutKey(t);
    let layout = this.blocks.get(key);
    if (!layout) {
      layout = new Map();
      this.blocks.set(key, layout);
    }
    const b = Math.floor(t.index / this.blockSize);
    let acc = layout.get(b);
    if (!acc) {
      acc = { sum: new Float64Array(t.eyelid.length), n: 0, first: t.index + 1, last: t.index + 1 };
      layout.set(b, acc);
    }
    for (let i = 0; i < Math.min(acc.sum.length, t.eyelid.length); i++) acc.sum[i] += t.eyelid[i];
    acc.n++;
    acc.last = t.index + 1;
    const cr = this.crByBlock.get(b) ?? { hits: 0, n: 0 };
    cr.n++;
    if (t.cr) cr.hits++;
    this.crByBlock.set(b, cr);

    let peak = 0;
    for (const v of t.eyelid) if (v > peak) peak = v;
    if (t.durationMs > this.maxDurationMs || peak > this.rasterMax * 1.25) {
      this.maxDurationMs = Math.max(this.maxDurationMs, t.durationMs);
      this.rasterMax = Math.max(this.rasterMax, peak);
      this.redrawRaster();
    } else {
      this.rasterRow(t);
    }
    this.redraw.request();
  }

  /** The numbers behind the plots. */
  data(): PlotData {
    const last = this.trials[this.trials.length - 1];
    const blocks = [...this.crByBlock.entries()].sort((a, b) => a[0] - b[0]);
    const amplitude = this.trials.map((t) => t.amplitude);
    return {
      trials: this.trials.length,
      total: this.total,
      blockSize: this.blockSize,
      profile: last ? this.profiles(last) : null,
      acquisition: {
        x: blocks.map(([b]) => Math.min((b + 1) * this.blockSize, this.trials.length)),
        crPercent: blocks.map(([, c]) => (100 * c.hits) / c.n),
        amplitude,
      },
      stepsPerSecond: last && last.busyMs > 0 ? last.steps / (last.busyMs / 1000) : null,
      steps: last?.steps ?? 0,
    };
  }

  private profiles(latest: TrialMsg): LayoutProfiles {
    const key = layoutKey(latest);
    const layout = this.blocks.get(key) ?? new Map<number, Accum>();
    const start = Math.round((latest.csOnsetMs + this.crWindowStartMs) / latest.dtMs);
    const blocks = [...layout.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([block, acc]): BlockProfile => {
        const eyelid = Array.from(acc.sum, (v) => v / acc.n);
        let peakAt = -1;
        let peakValue = 0;
        for (let i = start; i < eyelid.length; i++) {
          if (eyelid[i] > peakValue) {
            peakValue = eyelid[i];
            peakAt = i;
          }
        }
        return {
          block,
          first: acc.first,
          last: acc.last,
          n: acc.n,
          eyelid,
          peakLatencyMs: peakAt >= 0 ? peakAt * latest.dtMs - latest.csOnsetMs : null,
          peakValue,
        };
      });
    return {
      key,
      csOnsetMs: latest.csOnsetMs,
      usOnsetMs: latest.usOnsetMs,
      isiMs: latest.usOnsetMs === null ? null : latest.usOnsetMs - latest.csOnsetMs,
      durationMs: latest.durationMs,
      dtMs: latest.dtMs,
      blocks,
    };
  }

  /** Draws everything now (also called once a run has finished). */
  draw(): void {
    const d = this.data();
    const last = this.trials[this.trials.length - 1];
    this.drawProfile(d);
    this.drawAcquisition(d);
    this.drawTrial(last);
    this.drawWeights(last);
    const legend = this.panels.raster.querySelector(".raster-legend");
    if (legend) {
      legend.textContent = last
        ? `trial 1 (top) → ${this.trials.length}; colour 0 → ${this.rasterMax.toFixed(2)} closure; time 0 → ${this.maxDurationMs} ms (CS at ${last.csOnsetMs} ms${last.usOnsetMs === null ? "" : `, US at ${last.usOnsetMs} ms`})`
        : "waiting for the first trial";
    }
    this.root.dataset.trials = String(d.trials);
  }

  private drawProfile(d: PlotData): void {
    const p = d.profile;
    const el = this.panels.profile;
    const x0 = p ? -p.csOnsetMs : -250;
    const x1 = p ? p.durationMs - p.csOnsetMs : 1000;
    let ymax = 0.2;
    const latest = this.trials[this.trials.length - 1];
    const lines = [...(p?.blocks.map((b) => b.eyelid) ?? []), ...(latest ? [latest.eyelid] : [])];
    for (const line of lines) for (const v of line) ymax = Math.max(ymax, v * 1.05);
    const chart = new Chart({
      id: "profile",
      title: `CR profile per block of ${d.blockSize} trials`,
      xLabel: "time from CS onset (ms)",
      yLabel: "eyelid closure",
      xDomain: [x0, x1],
      yDomain: [0, Math.min(1.2, ymax)],
      width: 460,
      height: 260,
    });
    if (p) {
      const shown =
        p.blocks.length > MAX_BLOCK_LINES
          ? [p.blocks[0], ...p.blocks.slice(-(MAX_BLOCK_LINES - 1))]
          : p.blocks;
      shown.forEach((b, i) => {
        const t = shown.length > 1 ? i / (shown.length - 1) : 1;
        chart.trace(b.eyelid, -p.csOnsetMs, p.dtMs, {
          color: ramp(t),
          width: i === shown.length - 1 ? 2.4 : 1.2,
        });
      });
      const last = this.trials[this.trials.length - 1];
      if (last)
        chart.trace(last.eyelid, -p.csOnsetMs, p.dtMs, {
          color: "#d62728",
          width: 1,
          dash: "3 2",
          opacity: 0.8,
        });
      chart.marker(0, "CS");
      if (p.isiMs !== null) chart.marker(p.isiMs, "US", "#c00");
      const lastBlock = p.blocks[p.blocks.length - 1];
      chart.legend([
        {
          label: `first block (trials ${p.blocks[0]?.first}–${p.blocks[0]?.last})`,
          color: ramp(0),
        },
        { label: `latest block (trials ${lastBlock?.first}–${lastBlock?.last})`, color: ramp(1) },
        { label: "latest trial", color: "#d62728", dash: "3 2" },
      ]);
    }
    const last = p?.blocks[p.blocks.length - 1];
    const attrs = p
      ? `data-isi-ms="${p.isiMs ?? ""}" data-peak-latency-ms="${last?.peakLatencyMs ?? ""}" data-blocks="${p.blocks.length}"`
      : "";
    el.innerHTML = chart.svg(attrs);
    if (last) {
      el.dataset.peakLatencyMs = String(last.peakLatencyMs ?? "");
      el.dataset.isiMs = String(p?.isiMs ?? "");
    }
  }

  private drawAcquisition(d: PlotData): void {
    const n = Math.max(d.total, 1);
    const chart = new Chart({
      id: "acquisition",
      title: "Acquisition: CR % per block, amplitude per trial",
      xLabel: "trial",
      yLabel: "CR % · amplitude × 100",
      xDomain: [0, n],
      yDomain: [0, 100],
      width: 460,
      height: 240,
    });
    chart.dots(
      this.trials.map((t) => t.index + 1),
      this.trials.map((t) => (t.amplitude === null ? Number.NaN : 100 * t.amplitude)),
      "#ff7f0e",
      1.6,
    );
    chart.line(d.acquisition.x, d.acquisition.crPercent, { color: "#1f77b4", width: 2 });
    for (let i = 1; i < this.trials.length; i++) {
      if (this.trials[i].phaseIndex !== this.trials[i - 1].phaseIndex)
        chart.marker(this.trials[i].index + 0.5, this.trials[i].phase);
    }
    chart.legend([
      { label: "CR %", color: "#1f77b4" },
      { label: "amplitude at US × 100", color: "#ff7f0e" },
    ]);
    this.panels.acquisition.innerHTML = chart.svg(`data-blocks="${d.acquisition.x.length}"`);
  }

  private drawTrial(t: TrialMsg | undefined): void {
    let lo = 0;
    let hi = 0.2;
    if (t) {
      for (const arr of [t.eyelid, t.pause, t.error]) {
        for (const v of arr) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    const chart = new Chart({
      id: "trial",
      title: t ? `Trial ${t.index + 1} (${t.phase}: ${t.trialType})` : "Latest trial",
      xLabel: "time from CS onset (ms)",
      yLabel: "signal",
      xDomain: t ? [-t.csOnsetMs, t.durationMs - t.csOnsetMs] : [-250, 1000],
      yDomain: [lo * 1.05, hi * 1.05],
      width: 460,
      height: 240,
    });
    if (t) {
      chart.trace(t.error, -t.csOnsetMs, t.dtMs, { color: "#d62728", width: 1 });
      chart.trace(t.pause, -t.csOnsetMs, t.dtMs, { color: "#ff7f0e", width: 1.4 });
      chart.trace(t.eyelid, -t.csOnsetMs, t.dtMs, { color: "#222", width: 2 });
      chart.marker(0, "CS");
      if (t.usOnsetMs !== null)
        chart.marker(t.usOnsetMs - t.csOnsetMs, t.probe ? "US (probe: omitted)" : "US", "#c00");
      chart.legend([
        { label: "eyelid (CR)", color: "#222" },
        { label: "Purkinje pause", color: "#ff7f0e" },
        { label: "climbing-fibre error", color: "#d62728" },
      ]);
    }
    this.panels.trial.innerHTML = chart.svg();
  }

  private drawWeights(t: TrialMsg | undefined): void {
    const hist = t?.weightHist ?? [];
    const [lo, hi] = t?.weightRange ?? [0, 2];
    const logs = hist.map((c) => Math.log10(c + 1));
    const chart = new Chart({
      id: "weights",
      title: "PF→Purkinje weights",
      xLabel: "weight w",
      yLabel: "log₁₀(synapses + 1)",
      xDomain: [lo, hi],
      yDomain: [0, Math.max(1, ...logs) * 1.05],
      width: 460,
      height: 240,
    });
    const w = (hi - lo) / Math.max(1, hist.length);
    chart.bars(
      hist.map((_, i) => lo + i * w),
      hist.map((_, i) => lo + (i + 1) * w),
      logs,
      "#4c78a8",
    );
    this.panels.weights.innerHTML = chart.svg();
  }

  private rasterRow(t: TrialMsg): void {
    const ctx = this.raster.getContext("2d");
    if (!ctx || this.maxDurationMs <= 0) return;
    const W = this.raster.width;
    const H = this.raster.height;
    const total = Math.max(this.total, 1);
    const y0 = Math.floor((t.index * H) / total);
    const y1 = Math.max(y0 + 1, Math.floor(((t.index + 1) * H) / total));
    const cols = Math.max(1, Math.round((t.durationMs / this.maxDurationMs) * W));
    const img = ctx.createImageData(cols, 1);
    for (let x = 0; x < cols; x++) {
      const i = Math.min(t.eyelid.length - 1, Math.floor((x / cols) * t.eyelid.length));
      const [r, g, b] = viridis(t.eyelid[i] / this.rasterMax);
      img.data[4 * x] = r;
      img.data[4 * x + 1] = g;
      img.data[4 * x + 2] = b;
      img.data[4 * x + 3] = 255;
    }
    for (let y = y0; y < y1; y++) ctx.putImageData(img, 0, y);
    const tick = (ms: number, color: string) => {
      ctx.fillStyle = color;
      ctx.fillRect(Math.round((ms / this.maxDurationMs) * W), y0, 1, y1 - y0);
    };
    tick(t.csOnsetMs, "rgba(255,255,255,0.8)");
    if (t.usOnsetMs !== null) tick(t.usOnsetMs, "rgba(255,80,80,0.9)");
  }

  private redrawRaster(): void {
    const ctx = this.raster.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#f4f4f4";
    ctx.fillRect(0, 0, this.raster.width, this.raster.height);
    for (const t of this.trials) this.rasterRow(t);
  }
}
