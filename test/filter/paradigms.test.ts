import { describe, expect, it } from "vitest";
import { dcn } from "../../src/paradigms/dcn/index.js";
import { effectiveEllConfig } from "../../src/paradigms/ell/config.js";
import { ell } from "../../src/paradigms/ell/index.js";
import { getParadigm } from "../../src/paradigms/registry.js";
import { fieldOf } from "../configErrors.js";

const tinyDcn = {
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
  // Short scenes still need external sounds and chewing to measure.
  world: { externalRateHz: 2, chewing: { boutProbability: 1 } },
};
const tinyEll = {
  protocol: { pairingS: 4, decayS: 2, blockS: 1, testS: 2, delaysMs: [50] },
  model: { granule: { count: 400 } },
};

describe("filter paradigms", () => {
  it("are registered", () => {
    expect(getParadigm("dcn").info.id).toBe("dcn");
    expect(getParadigm("ell").info.id).toBe("ell");
  });

  it("reject bad config naming the field", () => {
    expect(fieldOf(() => dcn.resolve({ protocol: { trainS: -1 } }))).toBe("protocol.trainS");
    expect(fieldOf(() => dcn.resolve({ world: { rateMinHz: "fast" } }))).toBe("world.rateMinHz");
    expect(fieldOf(() => dcn.resolve({ filter: { coding: "both" } }))).toBe("filter.coding");
    expect(fieldOf(() => dcn.resolve({ model: { granule: { count: 3 } } }))).toBe(
      "model.granule.count",
    );
    expect(
      fieldOf(() =>
        ell.resolve({ protocol: { stimulus: { delayMs: 10, amplitude: 1, colour: 2 } } }),
      ),
    ).toBe("protocol.stimulus.colour");
    expect(fieldOf(() => ell.resolve({ nonsense: 1 }))).toBe("nonsense");
  });

  it("resolve fills the filter defaults (Δ = 0, MF→nucleus off, 2-ms steps)", () => {
    const c = dcn.resolve({});
    expect(c.model.olive.feedbackDelayMs).toBe(0);
    expect(c.model.plasticity.mfNucleus.enabled).toBe(false);
    expect(c.model.dtMs).toBe(2);
    expect(c.world.playbackRateHz).toBeGreaterThan(0);
    expect(dcn.resolve(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it("dcn: same seed → same summary; another seed differs", async () => {
    const a = await dcn.run(dcn.resolve({ ...tinyDcn, seed: 7 }));
    const b = await dcn.run(dcn.resolve({ ...tinyDcn, seed: 7 }));
    const c = await dcn.run(dcn.resolve({ ...tinyDcn, seed: 8 }));
    const strip = (s: Record<string, unknown>) => JSON.stringify({ ...s, wallSeconds: 0 });
    expect(strip(a.summary)).toBe(strip(b.summary));
    expect(strip(a.summary)).not.toBe(strip(c.summary));
    expect(a.files.map((f) => f.name)).toContain("filter-vs-nlms.svg");
    expect(a.files.find((f) => f.name === "filter-vs-nlms.svg")?.data).toContain("<svg");
    const cmp = a.summary.comparison;
    expect(Number.isFinite(cmp.filter.cancellationDb)).toBe(true);
    expect(Number.isFinite(cmp.nlms.passThroughDb)).toBe(true);
    expect(Number.isFinite(cmp.filter.chewCancellationDb)).toBe(true);
    expect(Number.isFinite(cmp.nlms.chewCancellationDb)).toBe(true);
    expect(cmp.vcnNoPlasticity.chewCancellationDb).toBe(0);
    expect(a.files.map((f) => f.name)).toContain("chew-locked.svg");
  });

  it("ell: timeScale k divides the PF→PC rates and stretches the protocol; config keeps k", () => {
    const base = ell.resolve({});
    expect(effectiveEllConfig(base)).toBe(base);
    const c = ell.resolve({ protocol: { timeScale: 4 } });
    expect(ell.resolve(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(c.protocol.pairingS).toBe(base.protocol.pairingS);
    const e = effectiveEllConfig(c);
    const pf = (x: typeof c) => x.model.plasticity.pfPurkinje;
    expect(pf(e).ltd).toBeCloseTo(pf(base).ltd / 4, 12);
    expect(pf(e).ltp).toBeCloseTo(pf(base).ltp / 4, 12);
    expect(e.protocol.pairingS).toBe(4 * base.protocol.pairingS);
    expect(e.protocol.decayS).toBe(4 * base.protocol.decayS);
    expect(e.protocol.blockS).toBe(4 * base.protocol.blockS);
    expect(fieldOf(() => ell.resolve({ protocol: { timeScale: 0.5 } }))).toBe("protocol.timeScale");
    // The fish's basis reaches 300 ms with equally strong late bumps.
    expect(base.model.basis.maxDelayMs).toBe(300);
    expect(base.model.basis.decay).toBe(0);
  });

  it("ell: same seed → same summary", async () => {
    const a = await ell.run(ell.resolve({ ...tinyEll, seed: 3 }));
    const b = await ell.run(ell.resolve({ ...tinyEll, seed: 3 }));
    const strip = (s: Record<string, unknown>) => JSON.stringify({ ...s, wallSeconds: 0 });
    expect(strip(a.summary)).toBe(strip(b.summary));
    expect(a.files.map((f) => f.name)).toContain("negative-image.svg");
    const tc = a.summary.timeCourse;
    expect(tc.tauFormMinutes).toBeCloseTo(tc.tauFormS / 60, 3);
    expect(tc.timeScale).toBe(1);
  });
});
