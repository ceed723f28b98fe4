/**
 * Live learning curves for paradigms that run as one unit (fear, VOR, the mouse, …): the run
 * sends a sample per trial or block (RunHooks.onSample), one chart per `panel`, one line per
 * series. The numbers drawn are kept in {@link CurvesView.data} for tests, as in EyeblinkView.
 */
import type { LiveSample } from "../../src/paradigms/types.js";
import { Chart } from "./plots.js";
import { ThrottledDraw } from "./throttledDraw.js";

export interface CurvePanel {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Series name → points in arrival order. */
  series: Record<string, { x: number[]; y: number[] }>;
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];

/** [lo, hi] over finite values, padded, never empty. */
function extent(values: number[], pad = 0.05): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values)
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi === lo) return [lo - 0.5, hi + 0.5];
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}

export class CurvesView {
  private readonly panels = new Map<string, CurvePanel>();
  private readonly figures = new Map<string, HTMLElement>();
  private samples = 0;
  private readonly redraw = new ThrottledDraw(() => this.draw());

  constructor(private readonly root: HTMLElement) {
    root.innerHTML = "";
    root.className = "plots";
    const note = document.createElement("p");
    note.className = "muted";
    note.id = "curves-waiting";
    note.textContent = "Learning curves appear here as the run measures each trial or block.";
    root.append(note);
  }

  add(s: LiveSample): void {
    let panel = this.panels.get(s.panel);
    if (!panel) {
      panel = { title: s.panel, xLabel: s.xLabel, yLabel: s.yLabel, series: {} };
      this.panels.set(s.panel, panel);
      const fig = document.createElement("figure");
      fig.className = "plot";
      fig.dataset.panel = s.panel;
      this.root.querySelector("#curves-waiting")?.remove();
      this.root.append(fig);
      this.figures.set(s.panel, fig);
    }
    for (const [name, y] of Object.entries(s.values)) {
      const line = panel.series[name] ?? { x: [], y: [] };
      panel.series[name] = line;
      line.x.push(s.x);
      line.y.push(y);
    }
    this.samples++;
    this.redraw.request();
  }

  /** The numbers behind the charts. */
  data(): { samples: number; panels: CurvePanel[] } {
    return { samples: this.samples, panels: structuredClone([...this.panels.values()]) };
  }

  draw(): void {
    let i = 0;
    for (const [key, panel] of this.panels) {
      const lines = Object.entries(panel.series);
      const chart = new Chart({
        id: `curve-${i++}`,
        title: panel.title,
        xLabel: panel.xLabel,
        yLabel: panel.yLabel,
        xDomain: extent(
          lines.flatMap(([, l]) => l.x),
          0,
        ),
        yDomain: extent(lines.flatMap(([, l]) => l.y)),
      });
      lines.forEach(([, l], k) => {
        const color = COLORS[k % COLORS.length];
        chart.line(l.x, l.y, { color });
        chart.dots(l.x, l.y, color);
      });
      chart.legend(lines.map(([name], k) => ({ label: name, color: COLORS[k % COLORS.length] })));
      const fig = this.figures.get(key);
      if (fig)
        fig.innerHTML = chart.svg(`role="img" aria-label="${panel.title.replace(/"/g, "")}"`);
    }
  }
}
