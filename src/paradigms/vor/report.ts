/** VOR outputs: gains.csv, traces.csv, summary per condition, and SVG plots. */
import { learningWindow } from "../../circuit/eligibility.js";
import { toCsv } from "../../io/csv.js";
import { linePlot } from "../../io/plots.js";
import type { OutputFile } from "../types.js";
import type { VorConfig } from "./config.js";
import type { ConditionResult } from "./simulate.js";

const r3 = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(3)) : null);

export function gainsCsv(results: readonly ConditionResult[]): string {
  const rows = results.flatMap((r) => r.points);
  return toCsv({
    condition: rows.map((p) => p.condition),
    phase: rows.map((p) => p.phase),
    minute: rows.map((p) => p.minute),
    gain: rows.map((p) => p.gain),
    phase_deg: rows.map((p) => p.phaseDeg),
    rms_slip_deg_s: rows.map((p) => p.rmsSlip),
    required_gain: rows.map((p) => p.required),
  });
}

export function tracesCsv(results: readonly ConditionResult[]): string {
  const rows = results.flatMap((r) => r.traces);
  return toCsv({
    condition: rows.map((p) => p.condition),
    when: rows.map((p) => p.when),
    t_ms: rows.map((p) => p.tMs),
    head_deg_s: rows.map((p) => p.head),
    eye_deg_s: rows.map((p) => p.eye),
  });
}

/** Per condition: baseline gain, gain at the end of each phase, and the % change of training. */
export function summarise(results: readonly ConditionResult[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of results) {
    const base = r.points[0];
    const phases: Record<string, unknown> = {};
    for (const p of r.points.slice(1)) {
      phases[p.phase] = {
        minute: r3(p.minute),
        gain: r3(p.gain),
        phaseDeg: r3(p.phaseDeg),
        changePercent: r3((100 * (p.gain - base.gain)) / base.gain),
        requiredGain: r3(p.required),
      };
    }
    out[r.name] = {
      baselineGain: r3(base.gain),
      baselinePhaseDeg: r3(base.phaseDeg),
      endOfPhase: phases,
    };
  }
  return out;
}

export async function vorPlots(
  results: readonly ConditionResult[],
  config: VorConfig,
): Promise<OutputFile[]> {
  const gain = await linePlot({
    title: "VOR gain in the dark over training",
    xLabel: "time (real min)",
    yLabel: "gain (−eye / head)",
    series: results.map((r) => ({
      name: r.name,
      x: r.points.map((p) => p.minute),
      y: r.points.map((p) => p.gain),
    })),
  });
  const phase = await linePlot({
    title: "VOR phase in the dark (0 = compensatory, + = lead)",
    xLabel: "time (real min)",
    yLabel: "phase (deg)",
    series: results.map((r) => ({
      name: r.name,
      x: r.points.map((p) => p.minute),
      y: r.points.map((p) => p.phaseDeg),
    })),
  });
  const traceSeries = results.flatMap((r) => {
    const before = r.traces.filter((t) => t.when === "before");
    const after = r.traces.filter((t) => t.when === "after");
    return [
      { name: `${r.name}: −eye before`, x: before.map((t) => t.tMs), y: before.map((t) => -t.eye) },
      { name: `${r.name}: −eye after`, x: after.map((t) => t.tMs), y: after.map((t) => -t.eye) },
    ];
  });
  const head = results[0]?.traces.filter((t) => t.when === "before") ?? [];
  const traces = await linePlot({
    title: "Eye and head velocity in the dark, before and after",
    xLabel: "time in test (ms)",
    yLabel: "velocity (deg/s)",
    series: [
      { name: "head", x: head.map((t) => t.tMs), y: head.map((t) => t.head) },
      ...traceSeries,
    ],
  });
  const kappa = learningWindow(config.model);
  const window = await linePlot({
    title: "PF→PC learning window κ(τ) and the loop delay",
    xLabel: "PF activity before the climbing-fibre error (ms)",
    yLabel: "κ (normalised)",
    series: [
      {
        name: `κ (${config.model.plasticity.pfPurkinje.rule}, peak ${config.model.plasticity.pfPurkinje.windowPeakMs} ms)`,
        x: Array.from(kappa, (_, i) => i * config.model.dtMs),
        y: kappa,
      },
    ],
    markers: [
      { x: config.loop.errorDelayMs, label: "visual delay" },
      { x: config.loop.errorDelayMs + config.body.plantTauMs, label: "+ plant lag" },
    ],
  });
  return [
    { name: "gain.svg", data: gain },
    { name: "phase.svg", data: phase },
    { name: "traces.svg", data: traces },
    { name: "window.svg", data: window },
  ];
}
