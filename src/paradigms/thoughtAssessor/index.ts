/**
 * `shoulda run thought-assessor`: the amygdala and a cerebellar module learn to predict a shock
 * and a puff from the cortex's state (DESIGN.md §1 use 3: "this thought predicts danger"), on
 * tasks the raw cues cannot solve: an order of events (A then B, not B alone) and a trace (a
 * state held after the cue has ended). Three conditions on one schedule and one wiring:
 * context (cues + the cortex's thought channels), frozen (the cortex never learns) and raw
 * (cues only, the ablation).
 */
import { toCsv } from "../../io/csv.js";
import { linePlot } from "../../io/plots.js";
import { livePanel } from "../live.js";
import { defineParadigm } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import {
  resolveThoughtAssessor,
  type ThoughtAssessorConfig,
  TRIAL_TYPES,
  thoughtAssessorRunSchema,
} from "./config.js";
import { assess, blockDPrime, CONTRASTS, type Contrast } from "./metrics.js";
import { scheduleTrials } from "./schedule.js";
import { CONDITIONS, type Condition, type ConditionRun, runCondition } from "./simulate.js";

export type { ThoughtAssessorConfig } from "./config.js";

const LABELS: Record<Condition, string> = {
  context: "cues + learning cortex",
  frozen: "cues + frozen cortex",
  raw: "raw cues only",
};

/** Mean per-trial trace of one type over the analysed (last) trials. */
function meanTrace(
  run: ConditionRun,
  type: string,
  key: "fearTrace" | "eyelidTrace" | "freezingTrace",
  fraction: number,
): number[] {
  const of = run.trials.filter((t) => t.type === type);
  const last = of.slice(Math.floor(of.length * (1 - fraction)));
  const n = last[0]?.[key].length ?? 0;
  return Array.from({ length: n }, (_, b) => last.reduce((s, t) => s + t[key][b], 0) / last.length);
}

export const thoughtAssessor = defineParadigm<ThoughtAssessorConfig>()({
  info: {
    id: "thought-assessor",
    title: "Thought assessors: danger and puffs predicted from the cortex's state",
    summary:
      "The amygdala and a cerebellar module read a learning cortex: A-then-B (not B alone) and a held trace predict a shock and a puff, with cortex context and not from raw cues.",
    citation:
      "The seed's reason 3 (modules tell the steering subsystem what the cortex is thinking about); " +
      "sequence memory: Hawkins & Ahmad 2016 (Front Neural Circuits 10:23); trace conditioning needs the forebrain: " +
      "Kalmbach et al. 2009 (Learn Mem 16:86), Weiss et al. 1999; serial feature-positive discrimination: Holland 1983.",
  },
  schema: thoughtAssessorRunSchema,
  resolve: resolveThoughtAssessor,
  checkpoints: true,
  checkpointUnit: "condition",
  run: (config, hooks) => runUnits(thoughtAssessorRun, config, hooks),
});

/** The three conditions, one unit each, on one schedule (rebuilt from the config: it is seeded). */
const thoughtAssessorRun = defineUnitRun<ThoughtAssessorConfig, { done: ConditionRun[] }>()({
  start: () => ({ done: [] }),
  count: () => CONDITIONS.length,
  step({ done }, index, config, hooks) {
    const condition = CONDITIONS[index];
    const fear = livePanel(hooks, `Fear per trial (${LABELS[condition]})`, "trial", "fear");
    done.push(
      runCondition(config, condition, scheduleTrials(config), (t) =>
        fear(t.trial, { [t.type]: t.fear }),
      ),
    );
  },
  async finish({ done }, config, started) {
    const runs = Object.fromEntries(CONDITIONS.map((c, i) => [c, done[i]])) as Record<
      Condition,
      ConditionRun
    >;
    const fraction = config.analysis.lastFraction;
    const assessed = Object.fromEntries(
      CONDITIONS.map((c) => [c, assess(runs[c], fraction)]),
    ) as Record<Condition, ReturnType<typeof assess>>;
    const gain = (measure: "fear" | "cr") =>
      Object.fromEntries(
        (Object.keys(CONTRASTS) as Contrast[]).map((k) => [
          k,
          Number(
            (assessed.context[measure][k].dPrime - assessed.raw[measure][k].dPrime).toFixed(3),
          ),
        ]),
      ) as Record<Contrast, number>;

    // Files: one row per trial and condition; the per-trial assessment traces; plots.
    const rows = CONDITIONS.flatMap((c) => runs[c].trials.map((t) => ({ c, t })));
    const trialsCsv = toCsv({
      condition: rows.map((r) => r.c),
      trial: rows.map((r) => r.t.trial),
      type: rows.map((r) => r.t.type),
      fear: rows.map((r) => r.t.fear),
      freezing: rows.map((r) => r.t.freezing),
      cr: rows.map((r) => r.t.cr),
    });
    const binMs = config.analysis.binMs;
    const bins = runs.context.trials[0]?.fearTrace.length ?? 0;
    const traceRows = rows.flatMap((r) => Array.from({ length: bins }, (_, b) => ({ ...r, b })));
    const tracesCsv = toCsv({
      condition: traceRows.map((r) => r.c),
      trial: traceRows.map((r) => r.t.trial),
      type: traceRows.map((r) => r.t.type),
      timeMs: traceRows.map((r) => r.b * binMs),
      fear: traceRows.map((r) => r.t.fearTrace[r.b]),
      freezing: traceRows.map((r) => r.t.freezingTrace[r.b]),
      eyelid: traceRows.map((r) => r.t.eyelidTrace[r.b]),
    });
    const x = Array.from({ length: bins }, (_, b) => b * binMs);
    const assessmentPlot = (c: Condition, key: "fearTrace" | "eyelidTrace", what: string) =>
      linePlot({
        title: `${what} per trial type, last ${Math.round(fraction * 100)} % of trials (${LABELS[c]})`,
        xLabel: "time from trial start (ms)",
        yLabel: what,
        series: TRIAL_TYPES.map((type) => ({
          name: type,
          x,
          y: meanTrace(runs[c], type, key, fraction),
        })),
      });
    const blocks = config.analysis.blocks;
    const curve = (measure: "fear" | "cr", what: string) =>
      linePlot({
        title: `${what}: discrimination over training (d′ per block)`,
        xLabel: "block of trials",
        yLabel: "d′",
        series: CONDITIONS.flatMap((c) =>
          (["order", "trace"] as Contrast[]).map((k) => {
            const y = blockDPrime(runs[c], k, measure, blocks);
            return { name: `${k}, ${LABELS[c]}`, x: y.map((_, i) => i + 1), y };
          }),
        ),
      });
    const files = [
      { name: "trials.csv", data: trialsCsv },
      { name: "traces.csv", data: tracesCsv },
      { name: "fear-context.svg", data: await assessmentPlot("context", "fearTrace", "fear") },
      { name: "fear-raw.svg", data: await assessmentPlot("raw", "fearTrace", "fear") },
      {
        name: "eyelid-context.svg",
        data: await assessmentPlot("context", "eyelidTrace", "eyelid"),
      },
      { name: "eyelid-raw.svg", data: await assessmentPlot("raw", "eyelidTrace", "eyelid") },
      { name: "fear-discrimination.svg", data: await curve("fear", "Amygdala (fear)") },
      { name: "cr-discrimination.svg", data: await curve("cr", "Cerebellum (CR)") },
    ];
    return {
      summary: {
        paradigm: "thought-assessor" as const,
        seed: config.seed,
        trialsPerType: config.protocol.trialsPerType,
        analysedFraction: fraction,
        contrasts: CONTRASTS,
        /** Per condition: d′ and mean difference for each contrast, fear/freezing/CR. */
        amygdala: Object.fromEntries(
          CONDITIONS.map((c) => [c, { fear: assessed[c].fear, freezing: assessed[c].freezing }]),
        ) as Record<Condition, Pick<ReturnType<typeof assess>, "fear" | "freezing">>,
        cerebellum: Object.fromEntries(CONDITIONS.map((c) => [c, assessed[c].cr])) as Record<
          Condition,
          ReturnType<typeof assess>["cr"]
        >,
        /** d′ with the cortex's context − d′ from raw cues, per contrast. */
        contextGain: { fear: gain("fear"), cr: gain("cr") },
        cortex: Object.fromEntries(
          CONDITIONS.map((c) => [
            c,
            { steps: runs[c].cortexSteps, meanAnomaly: Number(runs[c].meanAnomaly.toFixed(3)) },
          ]),
        ),
        wallSeconds: (Date.now() - started) / 1000,
      },
      files,
    };
  },
});
