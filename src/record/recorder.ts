/**
 * The probes of a cerebellar module run in trials, written as NDJSON lines while the run goes
 * (record/sink.ts). Like a Brian2 monitor it says when it reads: `step()` is called after
 * `Cerebellum.step()` (so after plasticity of that step), inside the trial window only;
 * `weights()` between trials. Lines (layout in docs/recordings.md):
 *
 *   {"type":"meta", …}                                 first line: what is recorded, sizes, dt
 *   {"type":"weights","trials":k,"pfPurkinje":[…],"mfNucleus":[…]}   before trial 1 and every k
 *   {"type":"trial","trial":i,"phase":…,"eyelid":[…],"purkinje":[[…]],"granule":{…}, …}
 */
import type { Cerebellum } from "../brain/cerebellum.js";
import type { ScheduledTrial } from "../protocol/types.js";
import { float32Json } from "./float32.js";
import type { Probe, RecordSpec, ResolvedCells } from "./spec.js";

/** Where the lines go (record/sink.ts writes a file; tests may collect them). */
export interface LineSink {
  /** One JSON object line; `raw` fields are inserted verbatim (pre-rendered arrays). */
  line(fields: Record<string, unknown>, raw?: Record<string, string>): void;
  /** Makes what was written durable; returns the length so far in bytes. */
  sync(): number;
  close(): void;
}

export interface RecordingMeta {
  paradigm: string;
  seed: number;
  dtMs: number;
  granuleCount: number;
  purkinjeCount: number;
  mossyCount: number;
}

/** A growable float32 buffer for one trace (trial windows have different lengths). */
class Trace {
  private data = new Float32Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  json(): string {
    return float32Json(this.data.subarray(0, this.length));
  }
}

type CellProbe = "purkinje" | "cf" | "nucleus";
const CELL_PROBES: CellProbe[] = ["purkinje", "cf", "nucleus"];

export class TrialRecorder {
  private readonly probes: Set<Probe>;
  private readonly traces = new Map<CellProbe, Trace[]>();
  /** Granule raster of this trial: parallel (step, cell) event lists. */
  private rasterSteps: number[] = [];
  private rasterCells: number[] = [];
  /** chosen[i] = 1 when granule cell i is recorded. */
  private readonly chosen: Uint8Array;
  private trial: ScheduledTrial | undefined;
  private startStep = 0;
  private steps = 0;

  constructor(
    readonly spec: RecordSpec,
    readonly cells: ResolvedCells,
    private readonly sink: LineSink,
    meta: RecordingMeta,
    /** False when continuing a recording (its meta line is already written). */
    writeMeta = true,
  ) {
    this.probes = new Set(spec.probes);
    this.chosen = new Uint8Array(meta.granuleCount);
    for (const c of cells.granule) this.chosen[c] = 1;
    if (writeMeta)
      sink.line({
        type: "meta",
        format: "shoulda-recording",
        version: 1,
        ...meta,
        probes: spec.probes,
        every: spec.every,
        psthBinMs: spec.psthBinMs,
        cells,
      });
  }

  /** Flushes the recording to disk; returns its length (for a checkpoint). */
  sync(): number {
    return this.sink.sync();
  }

  close(): void {
    this.sink.close();
  }

  /** Before trial `trial` starts; `startStep` is the module's time then. */
  beginTrial(trial: ScheduledTrial, startStep: number): void {
    this.trial = trial;
    this.startStep = startStep;
    this.steps = 0;
    for (const probe of CELL_PROBES)
      if (this.probes.has(probe))
        this.traces.set(
          probe,
          this.cells.purkinje.map(() => new Trace()),
        );
    this.rasterSteps = [];
    this.rasterCells = [];
  }

  /** After each step of the trial window. */
  step(brain: Cerebellum): void {
    const t = this.steps++;
    const cells = this.cells.purkinje;
    const sources: Record<CellProbe, ArrayLike<number>> = {
      purkinje: brain.purkinje.pause,
      cf: brain.error,
      nucleus: brain.purkinje.output,
    };
    for (const [probe, traces] of this.traces)
      for (let i = 0; i < cells.length; i++) traces[i].push(sources[probe][cells[i]]);
    if (this.probes.has("granule-raster")) {
      const { active, count } = brain.granule;
      for (let k = 0; k < count; k++) {
        const cell = active[k];
        if (this.chosen[cell] === 1) {
          this.rasterSteps.push(t);
          this.rasterCells.push(cell);
        }
      }
    }
  }

  /** After the trial: writes its line (`eyelid` is the paradigm's measured response). */
  endTrial(eyelid?: Float32Array): void {
    const trial = this.trial;
    if (!trial) throw new Error("TrialRecorder.endTrial without beginTrial");
    const raw: Record<string, string> = {};
    if (this.probes.has("eyelid") && eyelid) raw.eyelid = float32Json(eyelid);
    for (const [probe, traces] of this.traces)
      raw[probe] = `[${traces.map((t) => t.json()).join(",")}]`;
    if (this.probes.has("granule-raster"))
      raw.granule = `{"steps":${JSON.stringify(this.rasterSteps)},"cells":${JSON.stringify(this.rasterCells)}}`;
    this.sink.line(
      {
        type: "trial",
        trial: trial.index,
        phase: trial.phaseIndex,
        phaseName: trial.phase,
        trialType: trial.trialType.name,
        probe: trial.trialType.probe,
        startStep: this.startStep,
        steps: this.steps,
      },
      raw,
    );
    this.trial = undefined;
  }

  /** Between trials: a weight snapshot when `trialsDone` is a multiple of `every` (0 included). */
  weights(brain: Cerebellum, trialsDone: number): void {
    if (!this.probes.has("weights") || trialsDone % this.spec.every !== 0) return;
    this.sink.line(
      { type: "weights", trials: trialsDone, step: brain.time },
      {
        pfPurkinje: float32Json(brain.purkinje.w),
        mfNucleus: float32Json(brain.nucleus.v),
      },
    );
  }
}
