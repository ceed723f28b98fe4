/**
 * Every row of the literature targets file the project validates against (its ids), and what
 * the scorecard does with it: scored by which scorecard targets, out of scope with the reason,
 * or not scored yet with what it needs. `shoulda validate` prints the counts, and `--json`
 * writes the lists, so no row can silently drop out.
 */
import type { Target } from "./types.js";

export type CoverageStatus =
  | { status: "scored"; by: readonly string[] }
  | { status: "outOfScope"; reason: string }
  | {
      status: "unscored";
      needs: string;
      /** Scorecard targets that measure part of the row's claim, not the claim itself. */
      partly?: readonly string[];
    };

export interface CoverageRow {
  /** The row's id in the literature targets file (the Medina 2000 result of §1.6 is "Medina2000"). */
  id: string;
  entry: CoverageStatus;
}

const scored = (...by: string[]): CoverageStatus => ({ status: "scored", by });
const outOfScope = (reason: string): CoverageStatus => ({ status: "outOfScope", reason });
const unscored = (needs: string, partly?: string[]): CoverageStatus => ({
  status: "unscored",
  needs,
  ...(partly && { partly }),
});

const rows: Record<string, CoverageStatus> = {
  E1: scored("E1"),
  E2: scored("E2"),
  E3: scored("E3"),
  E4: scored("E4"),
  E5: unscored(
    "species presets (cat limb, rabbit NM, human eyelid): one parameter set has one optimum",
  ),
  E6: unscored("a human eyelid preset"),
  T1: scored("T1"),
  T2: scored("T2"),
  T3: unscored("day-by-day acquisition rates (sessions with between-session intervals)"),
  T4: unscored(
    "a per-animal amplitude-vs-trial sigmoid fit; acquisition is near all-or-none today",
  ),
  T5: outOfScope("optional in the file: needs a short-lasting PF–PC potentiation, not modelled"),
  T6: scored("T6"),
  T7: scored("T7"),
  B1: scored("B1"),
  B4: scored("B4"),
  B5: unscored("serial compound CSA→CSB→US trial types"),
  TR1: scored("TR1"),
  TR3: scored("TR3"),
  TR4: outOfScope("needs systems consolidation (recent vs remote memory), not modelled"),
  TR5: scored("TR5"),
  X2: scored("X2"),
  X3: scored("X3"),
  X4: outOfScope("needs forgetting over months (weight decay), not modelled"),
  X5: scored("X5"),
  X6: unscored("trial-to-trial effects against wall-clock ITI"),
  X7: scored("X7"),
  Medina2000: scored("Medina2000"),
  V1: scored("V1"),
  V2: scored("V2"),
  V3: unscored("a ×2.2 telescope session scored like V2"),
  V4: unscored("frequency channels in the VOR model"),
  V5: unscored(
    "days-long spectacle wearing and a gain-up/gain-down asymmetry (an LTD/LTP rate asymmetry alone gives mirror images in the push–pull VOR; docs/motor.md)",
  ),
  V6: scored("V6"),
  V7: scored("V7"),
  V8: unscored("OKR beside the VOR and a 14-day mismatch"),
  V9: unscored("two-site (cortex → nucleus) consolidation"),
  R1: scored("R1-trace", "R1-VOR"),
  R2: scored("R2"),
  R3: scored("R3"),
  F1: scored("F1"),
  F2: scored("F2"),
  F3: unscored("a learning-rule unit test of the anti-Hebbian spike-timing window"),
  F4: scored("F4"),
  F5: scored("F5"),
  F6: scored("F6"),
  F8: outOfScope("a reference model (Nelson & Paulin 1995), not a measurement to score"),
  DCN1: scored("DCN1"),
  DCN2: scored("DCN2"),
  DCN3: scored("DCN3"),
  DCN4: scored("DCN4"),
  D1: unscored("an inhibition-dependent sign of the DCN timing rule"),
  D2: unscored(
    "a bimodal timing rule that broadens after hearing loss (the filter's rule is fixed by its basis)",
    ["D4"],
  ),
  D3: outOfScope("needs intrinsic fusiform-cell dynamics (first interspike interval)"),
  D4: scored("D4"),
  D5: scored("D5"),
  D6: outOfScope("needs a tonotopic DCN map and acoustic trauma, not modelled"),
  D7: outOfScope("needs slow homeostatic time courses over days, not modelled"),
  D8: unscored("cell-type-specific STDP sign (fusiform vs cartwheel)"),
  A1: scored("A1"),
  A2: scored("A2"),
  A5: unscored(
    "overexpectation vs extinction under post-training context exposure and more extinction trials",
    ["A5-overexpectation"],
  ),
  A6: scored("A6"),
  A7: scored("A7-summation", "A7-retardation"),
  A8: scored("A8"),
  FC2: unscored("extinction at 10 min–1 h vs 24–72 h after acquisition"),
  FC3: scored("FC3"),
  FC4: unscored("the immediate extinction deficit (I-EXT vs D-EXT)"),
  FC5: unscored("an infralimbic unit"),
  FC6: scored("FC6-acquisition", "FC6-extinction", "FC6-recall"),
  FC7: unscored("a lateral-amygdala unit's short-latency CS response"),
  FC8: scored("FC8-renewal", "FC8-reinstatement"),
};

export const coverageRows: readonly CoverageRow[] = Object.entries(rows).map(([id, entry]) => ({
  id,
  entry,
}));

export interface Coverage {
  scored: string[];
  outOfScope: { id: string; reason: string }[];
  unscored: { id: string; needs: string; partly?: readonly string[] }[];
}

/** The coverage of the literature rows by the scorecard (independent of which targets ran). */
export function coverage(): Coverage {
  const out: Coverage = { scored: [], outOfScope: [], unscored: [] };
  for (const { id, entry } of coverageRows) {
    if (entry.status === "scored") out.scored.push(id);
    else if (entry.status === "outOfScope") out.outOfScope.push({ id, reason: entry.reason });
    else {
      const { status, ...unscoredRow } = entry;
      out.unscored.push({ id, ...unscoredRow });
    }
  }
  return out;
}

export function coverageLine(c: Coverage = coverage()): string {
  return `coverage: ${c.scored.length} scored / ${c.outOfScope.length} out of scope / ${c.unscored.length} unscored (of ${c.scored.length + c.outOfScope.length + c.unscored.length} literature rows)`;
}

/** The scorecard targets a row names: those that score it, or that measure part of it. */
export function namedTargets({ entry }: CoverageRow): readonly string[] {
  if (entry.status === "scored") return entry.by;
  return entry.status === "unscored" ? (entry.partly ?? []) : [];
}

/**
 * Scorecard targets that score published results the targets file does not list (DESIGN.md §4:
 * "published experiments beyond shared/targets"), each with its source. The file is shared and
 * kept verbatim, so these cannot get a row there.
 */
export const BEYOND_LITERATURE: Readonly<Record<string, string>> = {
  "SGS-recovery": "Smith, Ghazizadeh & Shadmehr 2006: spontaneous recovery in error-clamp trials",
  "SGS-savings": "Smith, Ghazizadeh & Shadmehr 2006: savings on relearning a force field",
};

/**
 * Scorecard target ids that no coverage row names and that are not listed beyond the file
 * (each target must measure some row, or say which published result it scores instead).
 */
export function targetsWithoutRow(targets: readonly Pick<Target, "id">[]): string[] {
  const named = new Set(coverageRows.flatMap(namedTargets));
  return targets.map((t) => t.id).filter((id) => !named.has(id) && !(id in BEYOND_LITERATURE));
}
