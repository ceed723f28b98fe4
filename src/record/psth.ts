/**
 * PSTHs per phase from a recording's trial lines: the fraction of each bin's steps in which a
 * chosen granule cell was active, and the mean Purkinje pause per bin. Only the accumulators
 * (phases × cells × bins) are held, never the traces.
 */

/** The recording's meta line (record/recorder.ts). */
export interface Meta {
  paradigm: string;
  seed: number;
  dtMs: number;
  probes: string[];
  every: number;
  psthBinMs: number;
  cells: { granule: number[]; purkinje: number[] };
  granuleCount: number;
  purkinjeCount: number;
  mossyCount: number;
}

export interface TrialLine {
  trial: number;
  phase: number;
  phaseName: string;
  trialType: string;
  probe: boolean;
  startStep: number;
  steps: number;
  eyelid?: number[];
  purkinje?: number[][];
  cf?: number[][];
  nucleus?: number[][];
  granule?: { steps: number[]; cells: number[] };
}

/** Sums per bin, grown as longer trials come. */
class Bins {
  sums: number[][];
  constructor(cells: number) {
    this.sums = Array.from({ length: cells }, () => []);
  }
  add(cell: number, bin: number, v: number): void {
    const row = this.sums[cell];
    while (row.length <= bin) row.push(0);
    row[bin] += v;
  }
}

export interface PhasePsth {
  name: string;
  trials: number;
  /** Steps observed per bin (trial windows differ in length). */
  steps: number[];
  granule: Bins;
  purkinje: Bins;
}

/** The per-phase PSTHs: granule active fraction and mean Purkinje pause per bin. */
export class Psth {
  readonly phases = new Map<number, PhasePsth>();
  private readonly granuleIndex: Map<number, number>;
  constructor(private readonly meta: Meta) {
    this.granuleIndex = new Map(meta.cells.granule.map((c, i) => [c, i]));
  }
  private bin(step: number): number {
    return Math.floor((step * this.meta.dtMs) / this.meta.psthBinMs);
  }
  add(line: TrialLine): void {
    const { cells } = this.meta;
    let phase = this.phases.get(line.phase);
    if (!phase) {
      phase = {
        name: line.phaseName,
        trials: 0,
        steps: [],
        granule: new Bins(cells.granule.length),
        purkinje: new Bins(cells.purkinje.length),
      };
      this.phases.set(line.phase, phase);
    }
    phase.trials++;
    for (let t = 0; t < line.steps; t++) {
      const b = this.bin(t);
      while (phase.steps.length <= b) phase.steps.push(0);
      phase.steps[b]++;
    }
    if (line.granule)
      line.granule.steps.forEach((t, k) => {
        const i = this.granuleIndex.get((line.granule as { cells: number[] }).cells[k]);
        if (i !== undefined) (phase as PhasePsth).granule.add(i, this.bin(t), 1);
      });
    line.purkinje?.forEach((trace, i) => {
      trace.forEach((v, t) => {
        (phase as PhasePsth).purkinje.add(i, this.bin(t), v);
      });
    });
  }
  /** Means per bin: sum / steps observed in that bin (NaN where none). */
  static means(bins: Bins, steps: number[]): number[][] {
    return bins.sums.map((row) => steps.map((n, b) => (n > 0 ? (row[b] ?? 0) / n : Number.NaN)));
  }
}
