/**
 * runParadigm() with `checkpointEvery` and `resume`: a library run that crashed goes on from its
 * last checkpoint and writes the folder a run that never stopped writes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fearDesign, fearTrial } from "../../src/paradigms/fear/experiments.js";
import { runParadigm } from "../../src/runParadigm.js";
import { tempDir } from "../cli/helpers.js";
import { fieldOfAsync, sameIds } from "./helpers.js";

const input = {
  paradigm: "fear" as const,
  experiment: fearDesign([
    { name: "cond", trials: 3, types: [fearTrial({ cues: "T", us: 1 })] },
    { name: "ext", trials: 3, types: [fearTrial({ cues: "T" })], context: "B" },
  ]).experiment,
};

class Crash extends Error {}

/** A folder's files; summary.json without its timing, SVG ids renumbered (one process). */
function folder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => {
        const text = readFileSync(join(dir, name), "utf8");
        if (name === "summary.json") {
          const { wallSeconds: _, ...rest } = JSON.parse(text);
          return [name, JSON.stringify(rest)];
        }
        return [name, name.endsWith(".svg") ? sameIds(text) : text];
      }),
  );
}

describe("runParadigm checkpoints", () => {
  it("a crashed run resumed with resume: true writes the folder of one that never stopped", async () => {
    const root = tempDir();
    const out = join(root, "run");
    const crash = (done: number) => {
      if (done === 5) throw new Crash("power cut");
    };
    await expect(
      runParadigm(input, { out, checkpointEvery: 2, onProgress: crash }),
    ).rejects.toBeInstanceOf(Crash);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(`${out}.checkpoint`, "checkpoint.json"))).toBe(true);

    // Another config, or a new run over the unfinished one, is refused by name.
    const other = { ...input, seed: 2 };
    expect(
      await fieldOfAsync(() => runParadigm(other, { out, checkpointEvery: 2, resume: true })),
    ).toBe("resume");
    expect(await fieldOfAsync(() => runParadigm(input, { out, checkpointEvery: 2 }))).toBe("out");

    const seen: number[] = [];
    await runParadigm(input, {
      out,
      checkpointEvery: 2,
      resume: true,
      onProgress: (d) => seen.push(d),
    });
    expect(seen).toEqual([5, 6]); // it went on after trial 4, not from the start
    expect(existsSync(`${out}.checkpoint`)).toBe(false);
    const whole = join(root, "whole");
    await runParadigm(input, { out: whole });
    expect(folder(out)).toEqual(folder(whole));
  });

  it("refuses checkpoint options it cannot honour", async () => {
    expect(await fieldOfAsync(() => runParadigm(input, { checkpointEvery: 2 }))).toBe(
      "checkpointEvery",
    );
    const out = join(tempDir(), "x");
    expect(await fieldOfAsync(() => runParadigm(input, { out, checkpointEvery: 0 }))).toBe(
      "checkpointEvery",
    );
    expect(await fieldOfAsync(() => runParadigm(input, { out, resume: true }))).toBe("resume");
    expect(existsSync(out)).toBe(false);
  });
});
