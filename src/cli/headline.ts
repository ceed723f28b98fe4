/**
 * The headline of a run's summary.json, for the one line `shoulda run` prints when it is done:
 * the number a user looks for first, per paradigm ("" where there is no single one; the full
 * metrics are in summary.json either way). Reads the summary defensively: a missing field
 * shortens the line rather than failing a run that has already succeeded.
 */
type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null;
const num = (x: unknown, digits = 0) =>
  typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "—";

/** "name a, name b" over the summary's phases list. */
function perPhase(summary: Json, field: string, digits = 0): string {
  const phases = Array.isArray(summary.phases) ? summary.phases.filter(isObject) : [];
  return phases.map((p) => `${String(p.phase)} ${num(p[field], digits)}`).join(", ");
}

const HEADLINES: Record<string, (summary: Json) => string> = {
  eyeblink: (s) => `CR % by phase: ${perPhase(s, "crPercent")}`,
  fear: (s) => `CS freezing % by phase: ${perPhase(s, "meanCsFreezing")}`,
  vor: (s) => {
    const conditions = isObject(s.conditions) ? Object.entries(s.conditions) : [];
    const changes = conditions.flatMap(([name, c]) => {
      const ends = isObject(c) && isObject(c.endOfPhase) ? Object.values(c.endOfPhase) : [];
      const last = ends.filter(isObject).at(-1);
      return last ? [`${name} ${num(last.changePercent, 1)}`] : [];
    });
    return changes.length ? `VOR gain change % at the end: ${changes.join(", ")}` : "";
  },
  dcn: (s) => {
    const filter =
      isObject(s.comparison) && isObject(s.comparison.filter) ? s.comparison.filter : {};
    return `lick-sound cancellation ${num(filter.cancellationDb, 1)} dB, external sounds passed ${num(filter.passThroughDb, 1)} dB`;
  },
};

export function headline(paradigm: string, summary: Json): string {
  return HEADLINES[paradigm]?.(summary) ?? "";
}
