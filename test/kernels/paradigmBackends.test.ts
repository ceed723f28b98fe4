/**
 * Every paradigm with a `backend` field defaults to wasm, and wasm is the same tier as the ts
 * reference: a tiny run of each gives the same summary and the same tables under both.
 * (Eyeblink through the CLI, with wasm-threads too: cliBackend.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { cortexLoopParadigm } from "../../src/paradigms/cortexLoop/index.js";
import { dcn } from "../../src/paradigms/dcn/index.js";
import { ell } from "../../src/paradigms/ell/index.js";
import { eyeblink } from "../../src/paradigms/eyeblink/index.js";
import { fear } from "../../src/paradigms/fear/index.js";
import { filterVsNlms } from "../../src/paradigms/filterVsNlms/index.js";
import { lateError } from "../../src/paradigms/lateError/index.js";
import { mouse } from "../../src/paradigms/mouse/index.js";
import { reach } from "../../src/paradigms/reach/index.js";
import { shortcut } from "../../src/paradigms/shortcut/index.js";
import { shouldaVsReward } from "../../src/paradigms/shouldaVsReward/index.js";
import { thoughtAssessor } from "../../src/paradigms/thoughtAssessor/index.js";
import { tinnitus } from "../../src/paradigms/tinnitus/index.js";
import type { OutputFile, Paradigm } from "../../src/paradigms/types.js";
import { vor } from "../../src/paradigms/vor/index.js";
import { smallMouse } from "../mouse/helpers.js";

// biome-ignore lint/suspicious/noExplicitAny: one table over paradigms of different config types
type AnyParadigm = Paradigm<any, any>;

const tinyFilter = {
  protocol: {
    trainS: 4,
    testS: 4,
    deafS: 2,
    pairingPretrainS: 1,
    pairingBlocks: 2,
    pairingBlockS: 2,
    probeS: 2,
  },
  model: { granule: { count: 400 } },
  world: { externalRateHz: 2, chewing: { boutProbability: 1 } },
};

const cases: { name: string; paradigm: AnyParadigm; input: () => Record<string, unknown> }[] = [
  {
    name: "eyeblink",
    paradigm: eyeblink,
    input: () => ({
      model: { granule: { count: 300 }, mossy: { count: 16 } },
      experiment: { design: "acquisition: 6 T+(isi=250) / 2 T-(isi=250)" },
    }),
  },
  { name: "dcn", paradigm: dcn, input: () => tinyFilter },
  {
    name: "ell",
    paradigm: ell,
    input: () => ({
      protocol: { pairingS: 4, decayS: 2, blockS: 1, testS: 2, delaysMs: [50] },
      model: { granule: { count: 400 } },
    }),
  },
  {
    name: "tinnitus",
    paradigm: tinnitus,
    input: () => ({ protocol: { trainS: 4, afterS: 4, blocks: 2 } }),
  },
  {
    name: "cortex-loop",
    paradigm: cortexLoopParadigm,
    input: () => ({ protocol: { durationS: 8, blocks: 4 }, world: { song: { switchAtS: 4 } } }),
  },
  {
    name: "fear",
    paradigm: fear,
    input: () => ({ experiment: { design: "2 T+(isi=1s) / 1 T-(isi=1s)" } }),
  },
  {
    name: "filter-vs-nlms",
    paradigm: filterVsNlms,
    input: () => ({ protocol: { trainS: 2, testS: 1, animals: 1, laws: [{ kind: "threshold" }] } }),
  },
  {
    name: "thought-assessor",
    paradigm: thoughtAssessor,
    input: () => ({
      protocol: { trialsPerType: 2, itiMinS: 6, itiMaxS: 7 },
      cerebellum: {
        mossy: { count: 128, fibresPerChannel: 4 },
        basis: { bumps: 4 },
        granule: { count: 200 },
      },
      amygdala: { la: { count: 100 }, itc: { count: 100 } },
    }),
  },
  {
    name: "mouse",
    paradigm: mouse,
    input: () => smallMouse({ durationMin: 0.5 }) as unknown as Record<string, unknown>,
  },
  // The motor paradigms: tiny versions of their checkpoint tests' configs.
  {
    name: "vor",
    paradigm: vor,
    input: () => ({
      model: { granule: { count: 300 } },
      timeScale: 60,
      test: { everyMinutes: 2, cycles: 1, traceCycles: 1 },
      conditions: [
        {
          name: "x0_5",
          phases: [
            { name: "training", optics: "x0_5", head: "moving", minutes: 4 },
            { name: "dark", optics: "dark", head: "still", minutes: 2 },
          ],
        },
      ],
    }),
  },
  {
    name: "reach",
    paradigm: reach,
    input: () => ({
      animals: 1,
      adaptTrials: 20,
      counterMaxTrials: 10,
      clampTrials: 10,
      relearnTrials: 10,
      model: { granule: { count: 300 } },
    }),
  },
  {
    name: "late-error",
    paradigm: lateError,
    input: () => ({
      animals: 1,
      trainingTrials: 4,
      gapsMs: [0, 100],
      visibleMsList: [50],
      model: { granule: { count: 300 } },
    }),
  },
  {
    name: "shortcut",
    paradigm: shortcut,
    input: () => ({
      lookaheadsMs: [50, 150],
      trainSeconds: 4,
      testSeconds: 2,
      loop: { gains: [0.5] },
      model: { granule: { count: 300 } },
    }),
  },
  {
    name: "shoulda-vs-reward",
    paradigm: shouldaVsReward,
    input: () => ({
      seeds: 1,
      criterion: { maxTrials: 100 },
      tuning: { seeds: 1, supervisedRates: [0.003], rewardStepSizes: [1] },
    }),
  },
];

// Wall-clock figures (wallSeconds, the mouse's speed block) are not results.
const strip = (s: object) => JSON.stringify({ ...s, wallSeconds: 0, speed: 0 });
const tables = (files: readonly OutputFile[]) => files.filter((f) => f.name.endsWith(".csv"));

describe("every paradigm: wasm by default, identical to ts", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const wasmConfig = c.paradigm.resolve(c.input());
      expect(wasmConfig.backend).toBe("wasm");
      const tsConfig = c.paradigm.resolve({ ...c.input(), backend: "ts" });
      const [w, t] = [await c.paradigm.run(wasmConfig), await c.paradigm.run(tsConfig)];
      expect(strip(w.summary)).toBe(strip(t.summary));
      expect(tables(w.files)).toEqual(tables(t.files));
    }, 120_000);
  }
});
