import { describe, expect, it } from "vitest";
import { Rng } from "../../src/model/rng.js";
import { lickingMouseScene, lickingMouseSchema } from "../../src/world/lickingMouse.js";
import { songCentre } from "../../src/world/lickSong.js";

/** Channel with the most energy in each lick's window (the lick sound's spectral centre). */
function peakChannels(song: boolean, seed = 3): number[] {
  const o = lickingMouseSchema.parse({ song: { enabled: song }, externalRateHz: 0 });
  const scene = lickingMouseScene(o, 2, 10_000, new Rng(seed));
  const n = o.cochlearChannels;
  return scene.events
    .filter((e) => e.kind === "lick")
    .map((e) => {
      const sum = new Float64Array(n);
      for (let t = e.step; t < e.step + e.length && t < scene.steps; t++) {
        for (let j = 0; j < n; j++) sum[j] += scene.components.self[t * n + j];
      }
      return sum.indexOf(Math.max(...sum));
    });
}

describe("lick song (world/lickSong.ts)", () => {
  it("sets each lick's centre from the pattern, restarting each bout, and switches", () => {
    const o = lickingMouseSchema.parse({ song: { enabled: true, switchAtS: 1 } }).song;
    expect(songCentre(o, 8, 0, 0, 2)).toBeCloseTo(0.7);
    expect(songCentre(o, 8, 3, 0, 2)).toBeCloseTo(6.3);
    expect(songCentre(o, 8, 4, 0, 2)).toBeCloseTo(0.7);
    expect(songCentre(o, 8, 0, 600, 2)).toBeCloseTo(6.3);
    expect(songCentre({ ...o, enabled: false }, 8, 0, 0, 2)).toBeNull();
  });
  it("makes the sounds follow the sequence while the body's context is unchanged", () => {
    const peaks = peakChannels(true);
    // The default pattern A B A C (centres 0.7, 3.5, 0.7, 6.3 channels) sets every peak.
    expect(peaks.length).toBeGreaterThan(20);
    expect(peaks.every((c) => [0, 1, 3, 4, 6, 7].includes(c))).toBe(true);
    expect(peaks.some((c) => c <= 1) && peaks.some((c) => c >= 6)).toBe(true);
    // Without the song the jaw sets the centre (0.2 … 0.8 of the cochlea): never the top channel.
    expect(peakChannels(false).every((c) => c < 7)).toBe(true);
    const a = lickingMouseScene(
      lickingMouseSchema.parse({ song: { enabled: true } }),
      2,
      5000,
      new Rng(4),
    );
    const b = lickingMouseScene(lickingMouseSchema.parse({}), 2, 5000, new Rng(4));
    expect(Array.from(a.context)).toEqual(Array.from(b.context));
    expect(Array.from(a.components.self)).not.toEqual(Array.from(b.components.self));
  });
});
