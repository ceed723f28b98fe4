/**
 * Wiring built from the seed (BUILT_FROM_SEED, kernels/kernel.ts) is saved as a hash, not as its
 * bytes; a checkpoint whose hash does not match the rebuilt wiring, or of an older checkpoint
 * version, is refused naming the field.
 */
import { describe, expect, it } from "vitest";
import { resolveVor, vor } from "../../src/paradigms/vor/index.js";
import { checkpointAt, fieldOfAsync, resumeRun } from "./helpers.js";

const config = resolveVor({
  model: { granule: { count: 300 } },
  timeScale: 60,
  test: { everyMinutes: 2, cycles: 1, traceCycles: 1 },
  conditions: [
    { name: "x2", phases: [{ name: "training", optics: "x2", head: "moving", minutes: 4 }] },
  ],
});

/** The first object under a key `key` in the parsed checkpoint. */
function find(x: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof x !== "object" || x === null) return undefined;
  for (const [k, v] of Object.entries(x)) {
    if (k === key && typeof v === "object" && v !== null) return v as Record<string, unknown>;
    const inner = find(v, key);
    if (inner) return inner;
  }
  return undefined;
}

describe("checkpoint wiring built from the seed", () => {
  it("saves the wiring as a hash, not its bytes", async () => {
    const saved = JSON.parse(await checkpointAt(vor, config, 1, 2));
    for (const key of ["granuleInputs", "source", "leak"]) {
      const tag = find(saved.state, key);
      expect(tag?.$, key).toBe("seed");
      expect(tag?.h, key).toMatch(/^[0-9a-f]{16}$/);
      expect(tag?.v, key).toBeUndefined();
    }
  });

  it("refuses a checkpoint whose wiring hash differs, naming the field", async () => {
    const saved = JSON.parse(await checkpointAt(vor, config, 1, 2));
    const tag = find(saved.state, "granuleInputs") as { h: string };
    tag.h = "0123456789abcdef";
    const field = await fieldOfAsync(() => resumeRun(vor, config, JSON.stringify(saved), 1));
    expect(field).toMatch(/\.granuleInputs\.h$/);
  });

  it("refuses a checkpoint of format version 1, naming the version", async () => {
    const saved = JSON.parse(await checkpointAt(vor, config, 1, 2));
    saved.version = 1;
    expect(await fieldOfAsync(() => resumeRun(vor, config, JSON.stringify(saved), 1))).toBe(
      "checkpoint.state.version",
    );
  });
});
