/** How the GPU engine splits its buffers to fit a device (pure arithmetic, no GPU needed). */
import { describe, expect, it } from "vitest";
import { learningWindow } from "../../src/circuit/eligibility.js";
import { grid, planLayout } from "../../src/gpu/layout.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { ConfigError } from "../../src/model/errors.js";

const bench = (n: number) =>
  cerebellumParamsSchema.parse({
    granule: { count: n, threshold: 1.2 },
    purkinje: { count: 32 },
    mossy: { count: 256, fibresPerChannel: 16 },
  });
const big = {
  maxStorageBufferBindingSize: 2 ** 31,
  maxBufferSize: 2 ** 32,
  maxStorageBuffersPerShaderStage: 16,
  maxComputeWorkgroupsPerDimension: 65535,
};

describe("planLayout", () => {
  it("splits the 10⁸ × 32 weights (12.8 GB) into binding-sized row chunks", () => {
    const p = bench(10_000_000);
    p.granule.count = 100_000_000; // past the schema's 10⁷ cap: the layout alone is checked here
    const layout = planLayout(p, learningWindow(p).length, big, { batchSteps: 100 });
    expect(layout.rowsPerChunk).toBe(2 ** 31 / (32 * 4));
    expect(layout.chunks).toBe(Math.ceil(1e8 / 2 ** 24));
    expect(layout.chunks * layout.rowsPerChunk).toBeGreaterThanOrEqual(1e8);
    expect(layout.capacity).toBe(5_000_000);
    expect(layout.slotBytes % 256).toBe(0);
    expect(layout.slotsPerBuffer * layout.ringBuffers).toBeGreaterThanOrEqual(layout.ringSlots);
    expect(layout.sumGroups).toBeLessThanOrEqual(1024);
    expect(layout.packed).toBe(true);
    expect(layout.wordsPerCell).toBe(2);
  });

  it("fits 10⁶ cells in one chunk on a 128 MiB-binding device (Mesa)", () => {
    const p = bench(1_000_000);
    const mesa = { ...big, maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 31 };
    const layout = planLayout(p, learningWindow(p).length, mesa, { batchSteps: 100 });
    expect(layout.chunks).toBe(1);
    expect(layout.ringBuffers).toBe(1);
  });

  it("needs no more storage bindings for more chunks; names the limit when a device has too few", () => {
    const p = bench(10_000_000);
    const eight = {
      ...big,
      maxStorageBufferBindingSize: 2 ** 27,
      maxStorageBuffersPerShaderStage: 8,
    };
    expect(planLayout(p, 362, eight, { batchSteps: 100 }).chunks).toBe(10);
    const four = { ...eight, maxStorageBuffersPerShaderStage: 4 };
    expect(() => planLayout(p, 362, four, { batchSteps: 100 })).toThrow(ConfigError);
    expect(() => planLayout(p, 362, four, { batchSteps: 100 })).toThrow(/storage buffers/);
  });

  it("grid keeps each dimension within the limit and covers every workgroup", () => {
    for (const n of [1, 65535, 65536, 200_000]) {
      const [x, y] = grid(n, 65535);
      expect(x).toBeLessThanOrEqual(65535);
      expect(x * y).toBeGreaterThanOrEqual(n);
    }
  });
});
