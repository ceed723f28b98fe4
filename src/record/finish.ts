/**
 * Finishing a recording after the run: one streaming pass over recordings.ndjson that adds the
 * PSTHs per phase (a last line, `{"type":"psth",…}`) and, when asked, writes recordings.h5 in
 * the NWB-like layout of docs/recordings.md. Nothing but the PSTH accumulators (phases × cells
 * × bins) is held in memory.
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { H5Appender } from "./hdf5.js";
import { type Meta, type PhasePsth, Psth, type TrialLine } from "./psth.js";
import { NdjsonSink } from "./sink.js";

async function* lines(path: string): AsyncGenerator<Record<string, unknown>> {
  const rl = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const text of rl) if (text !== "") yield JSON.parse(text);
}

const f32 = (a: number[]) => Float32Array.from(a);

/** Trace groups in the HDF5 file: NDJSON key → [path, description, unit]. */
const TRACES: Record<string, [string, string, string]> = {
  eyelid: ["acquisition/eyelid", "eyelid response [z(t − motor delay)]₊ per step", "a.u."],
  purkinje: [
    "processing/cerebellum/purkinje_pause",
    "Purkinje pause y₀ − y per step (positive = simple-spike suppression), one column per recorded Purkinje cell",
    "a.u.",
  ],
  cf: [
    "processing/cerebellum/climbing_fibre",
    "climbing-fibre error e(t) per step, one column per recorded Purkinje cell",
    "a.u.",
  ],
  nucleus: [
    "processing/cerebellum/nucleus",
    "deep-nucleus output z(t) per step (before the motor delay), one column per recorded Purkinje cell",
    "a.u.",
  ],
};

/** The first recorded trace (in TRACES order): it holds the timestamps the others link to. */
function firstTrace(meta: Meta): string | undefined {
  return Object.keys(TRACES).find((key) => meta.probes.includes(key));
}

/** Writes one trial line's rows into the HDF5 file. */
function writeTrial(h5: H5Appender, meta: Meta, line: TrialLine, rows: Map<string, number>) {
  const dt = meta.dtMs / 1000;
  const times = Float64Array.from({ length: line.steps }, (_, t) => (line.startStep + t) * dt);
  h5.append("intervals/trials/start_time", Float64Array.of(line.startStep * dt));
  h5.append("intervals/trials/stop_time", Float64Array.of((line.startStep + line.steps) * dt));
  h5.append("intervals/trials/trial", Int32Array.of(line.trial));
  h5.append("intervals/trials/phase", Int32Array.of(line.phase));
  h5.append("intervals/trials/probe", Uint8Array.of(line.probe ? 1 : 0));
  for (const [key, [path]] of Object.entries(TRACES)) {
    const value = line[key as keyof TrialLine] as number[] | number[][] | undefined;
    if (value === undefined) continue;
    const columns = key === "eyelid" ? 1 : (value as number[][]).length;
    const data =
      key === "eyelid"
        ? f32(value as number[])
        : Float32Array.from({ length: line.steps * columns }, (_, k) => {
            return (value as number[][])[k % columns][Math.floor(k / columns)];
          });
    h5.append(`${path}/data`, data, key === "eyelid" ? [] : [columns]);
    // Every trace has the same timestamps: stored once, hard-linked from the others (describe).
    if (firstTrace(meta) === key) h5.append(`${path}/timestamps`, times);
    const end = (rows.get(path) ?? 0) + line.steps;
    rows.set(path, end);
    h5.append(`${path}/data_index`, Int32Array.of(end));
  }
  if (line.granule) {
    const { steps, cells } = line.granule;
    const path = "processing/cerebellum/granule_raster";
    h5.append(
      `${path}/timestamps`,
      Float64Array.from(steps, (t) => (line.startStep + t) * dt),
    );
    h5.append(`${path}/cell`, Int32Array.from(cells));
    h5.append(`${path}/trial`, new Int32Array(cells.length).fill(line.trial));
  }
}

function writeWeights(h5: H5Appender, meta: Meta, line: Record<string, unknown>) {
  const p = meta.purkinjeCount;
  const groups: [string, string, number][] = [
    ["pfPurkinje", "processing/cerebellum/pf_purkinje_weights", meta.granuleCount],
    ["mfNucleus", "processing/cerebellum/mf_nucleus_weights", meta.mossyCount],
  ];
  for (const [key, path, rows] of groups) {
    h5.append(`${path}/data`, f32(line[key] as number[]), [rows, p]);
    h5.append(`${path}/trials`, Int32Array.of(line.trials as number));
    h5.append(`${path}/timestamps`, Float64Array.of(((line.step as number) * meta.dtMs) / 1000));
  }
}

function describe(h5: H5Appender, meta: Meta, config: unknown, phases: Map<number, PhasePsth>) {
  h5.attrs("", {
    layout: "shoulda-nwb-like",
    layout_version: 1,
    session_description: `shoulda ${meta.paradigm} run, seed ${meta.seed}`,
    identifier: `shoulda-${meta.paradigm}-seed-${meta.seed}`,
    dt_ms: meta.dtMs,
  });
  h5.attrs("general", { config_json: JSON.stringify(config) });
  const first = firstTrace(meta);
  for (const [key, [path, description, unit]] of Object.entries(TRACES)) {
    if (!meta.probes.includes(key)) continue;
    h5.attrs(path, { description, unit });
    if (first && key !== first)
      h5.group(path).create_hard_link(`/${TRACES[first][0]}/timestamps`, "timestamps");
  }
  h5.attrs("intervals/trials", {
    description: "one row per trial window: start/stop in s of simulated time",
    phase_names: JSON.stringify(
      [...phases.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1].name),
    ),
  });
}

function writePsth(h5: H5Appender, meta: Meta, psth: Psth) {
  const phases = [...psth.phases.entries()].sort((a, b) => a[0] - b[0]);
  const bins = Math.max(0, ...phases.map(([, p]) => p.steps.length));
  const cube = (pick: (p: PhasePsth) => number[][], cells: number) => {
    const out = new Float64Array(phases.length * cells * bins).fill(Number.NaN);
    phases.forEach(([, p], i) => {
      pick(p).forEach((row, c) => {
        row.forEach((v, b) => {
          out[(i * cells + c) * bins + b] = v;
        });
      });
    });
    return out;
  };
  const { granule, purkinje } = meta.cells;
  const attrs = {
    bin_ms: meta.psthBinMs,
    phase_names: JSON.stringify(phases.map(([, p]) => p.name)),
    dims: "phase × cell × bin",
  };
  if (meta.probes.includes("granule-raster")) {
    h5.put(
      "analysis/psth/granule_active_fraction",
      cube((p) => Psth.means(p.granule, p.steps), granule.length),
      [phases.length, granule.length, bins],
    );
    h5.attrs("analysis/psth/granule_active_fraction", { ...attrs, cells: JSON.stringify(granule) });
  }
  if (meta.probes.includes("purkinje")) {
    h5.put(
      "analysis/psth/purkinje_pause",
      cube((p) => Psth.means(p.purkinje, p.steps), purkinje.length),
      [phases.length, purkinje.length, bins],
    );
    h5.attrs("analysis/psth/purkinje_pause", { ...attrs, cells: JSON.stringify(purkinje) });
  }
}

export interface FinishOptions {
  /** recordings.ndjson as the run wrote it; gets its PSTH lines appended. */
  ndjson: string;
  /** Where to write recordings.h5 (omitted: no HDF5). */
  hdf5?: string;
  /** The run's config, stored in the HDF5 file's /general. */
  config: unknown;
}

export async function finishRecording(options: FinishOptions): Promise<void> {
  let meta: Meta | undefined;
  let psth: Psth | undefined;
  let h5: H5Appender | undefined;
  let file: import("h5wasm").File | undefined;
  const rows = new Map<string, number>();
  if (options.hdf5) {
    const h5wasm = (await import("h5wasm/node")).default;
    await h5wasm.ready;
    file = new h5wasm.File(options.hdf5, "w");
    h5 = new H5Appender(file);
  }
  try {
    for await (const line of lines(options.ndjson)) {
      if (line.type === "meta") {
        meta = line as unknown as Meta;
        psth = new Psth(meta);
      } else if (!meta || !psth) throw new Error(`${options.ndjson}: no meta line first`);
      else if (line.type === "trial") {
        psth.add(line as unknown as TrialLine);
        if (h5) writeTrial(h5, meta, line as unknown as TrialLine, rows);
      } else if (line.type === "weights" && h5) writeWeights(h5, meta, line);
    }
    if (!meta || !psth) throw new Error(`${options.ndjson}: empty recording`);
    if (h5) {
      describe(h5, meta, options.config, psth.phases);
      writePsth(h5, meta, psth);
    }
    appendPsth(options.ndjson, meta, psth);
  } finally {
    file?.close();
  }
}

function appendPsth(path: string, meta: Meta, psth: Psth): void {
  const withGranule = meta.probes.includes("granule-raster");
  const withPurkinje = meta.probes.includes("purkinje");
  if (!withGranule && !withPurkinje) return;
  const sink = new NdjsonSink(path, statSync(path).size);
  for (const [index, p] of [...psth.phases.entries()].sort((a, b) => a[0] - b[0])) {
    const raw: Record<string, string> = {};
    // Means to 7 significant digits (float32 precision); a bin no trial reached is null.
    const rows = (m: number[][]) =>
      JSON.stringify(m.map((r) => r.map((v) => (Number.isNaN(v) ? null : +v.toPrecision(7)))));
    if (withGranule) raw.granuleActiveFraction = rows(Psth.means(p.granule, p.steps));
    if (withPurkinje) raw.purkinjePause = rows(Psth.means(p.purkinje, p.steps));
    sink.line(
      { type: "psth", phase: index, phaseName: p.name, trials: p.trials, binMs: meta.psthBinMs },
      raw,
    );
  }
  sink.close();
}
