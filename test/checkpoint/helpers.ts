/**
 * Resume tests for unit runs (paradigms/units.ts): a run stopped right after its checkpoint at
 * `stopAfter` units and resumed from the checkpoint's JSON must write the same files as a run
 * that never stopped.
 */
import { expect } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import type { Paradigm, RunConfig, RunOutput } from "../../src/paradigms/types.js";

class Stopped extends Error {}

/**
 * In one process vega numbers its SVG gradients and clip paths on from run to run, so two runs
 * differ in those ids only; they are renumbered by first appearance before the compare.
 */
export function sameIds(text: string): string {
  const ids = new Map<string, string>();
  return text.replace(/\b((?:gradient|clip|mark|pattern)[_-]?\d+)\b/g, (id) => {
    if (!ids.has(id)) ids.set(id, `id${ids.size}`);
    return ids.get(id) as string;
  });
}

/** The checkpoint a run saves after `stopAfter` units (as the JSON text a file holds). */
export async function checkpointAt(
  paradigm: Paradigm,
  config: RunConfig,
  every: number,
  stopAfter: number,
): Promise<string> {
  let saved: string | undefined;
  await expect(
    paradigm.run(config, {
      checkpoint: {
        every,
        save: (state, done) => {
          if (done < stopAfter) return;
          saved = JSON.stringify(state);
          throw new Stopped(`stopped after ${done}`);
        },
      },
    }),
  ).rejects.toBeInstanceOf(Stopped);
  if (saved === undefined) throw new Error("no checkpoint was saved");
  return saved;
}

export const resumeRun = (paradigm: Paradigm, config: RunConfig, saved: string, every: number) =>
  paradigm.run(config, {
    checkpoint: { every, resumeFrom: JSON.parse(saved), save: () => {} },
  });

/** Every file of `b` equals `a`'s byte for byte (SVG ids renumbered, see sameIds). */
export function expectSameFiles(a: RunOutput, b: RunOutput, timings: string[] = []): void {
  expect(b.files.map((f) => f.name)).toEqual(a.files.map((f) => f.name));
  for (const [i, f] of a.files.entries()) {
    const other = b.files[i].data;
    if (f.name.endsWith(".svg")) expect(sameIds(other), f.name).toBe(sameIds(f.data));
    else expect(other, f.name).toBe(f.data);
  }
  // Wall-clock timings differ from run to run, as they do in summary.json.
  const untimed = (summary: object) =>
    JSON.stringify(summary, (k, v) => (k === "wallSeconds" || timings.includes(k) ? null : v));
  expect(untimed(b.summary)).toBe(untimed(a.summary));
}

/**
 * The whole check for one paradigm: uninterrupted vs stopped at `stopAfter` and resumed; the
 * resumed run must also not be the plain run by accident (it must have started from the state).
 */
export async function expectResumeIdentical(
  paradigm: Paradigm,
  config: RunConfig,
  every: number,
  stopAfter: number,
  /** Summary keys holding wall-clock timings (beside wallSeconds). */
  timings: string[] = [],
): Promise<string> {
  const plain = await paradigm.run(config);
  const saved = await checkpointAt(paradigm, config, every, stopAfter);
  const resumed = await resumeRun(paradigm, config, saved, every);
  expectSameFiles(plain, resumed, timings);
  return saved;
}

/** The field a ConfigError names when `f` rejects. */
export async function fieldOfAsync(f: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await f();
  } catch (e) {
    return e instanceof ConfigError ? e.field : `not a ConfigError: ${String(e)}`;
  }
  return undefined;
}
