/**
 * A small learning circuit for whole-Cerebellum tier and backend tests: three square-wave
 * contexts and a teacher that spikes once per 300-step cycle per Purkinje cell, with fast PF→PC
 * learning so weights move by many resolution steps within a test.
 */
import type { Cerebellum } from "../../src/brain/cerebellum.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";

export function smallCircuit(count: number, purkinje: number, pfPurkinje: object = {}) {
  const params = cerebellumParamsSchema.parse({
    dtMs: 1,
    granule: { count, fanIn: 4, codingLevel: 0.05, threshold: 1.2 },
    purkinje: { count: purkinje },
    mossy: { count: 64, fibresPerChannel: 8 },
    plasticity: { pfPurkinje: { ltd: 0.01, ltp: 0.01, ...pfPurkinje } },
  });
  return { kind: "cerebellum" as const, params, channels: ["a", "b", "c"], seed: 3 };
}

/** Outputs of `steps` steps (teacher `spike` once per cycle, else `background`) and the weights. */
export function runCircuit(
  brain: Cerebellum,
  steps: number,
  spike = 1,
  background = 0.1,
): { out: number[]; w: Float32Array } {
  const P = brain.params.purkinje.count;
  const out: number[] = [];
  const context = new Float64Array(3);
  const teacher = new Float64Array(P);
  for (let t = 0; t < steps; t++) {
    for (let c = 0; c < 3; c++) context[c] = (t + 100 * c) % 300 < 120 ? 1 : 0;
    for (let q = 0; q < P; q++) teacher[q] = (t + 7 * q) % 300 === 150 ? spike : background;
    out.push(...brain.step(context, teacher));
  }
  return { out, w: brain.purkinje.w };
}
