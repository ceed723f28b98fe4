/** ConditioningRun.nextTrial(): the streaming form the playground uses matches run() exactly. */
import { describe, expect, it } from "vitest";
import { eyeblink } from "../../src/paradigms/eyeblink/index.js";
import { ConditioningRun } from "../../src/paradigms/eyeblink/simulate.js";

const config = () =>
  eyeblink.resolve({
    seed: 7,
    model: { granule: { count: 300 }, mossy: { count: 32 } },
    experiment: {
      design:
        "a: 4 T+(isi=300, usdur=50, iti=300, jitter=100) > b: 2 T-(isi=300, usdur=50, iti=300, jitter=100)",
    },
  });

describe("ConditioningRun.nextTrial", () => {
  it("gives the same records, in order, as run() on a fresh instance", () => {
    const batch = new ConditioningRun(config()).run();
    const stream = new ConditioningRun(config());
    const seen: number[] = [];
    const phases: number[] = [];
    const steps: number[] = [];
    const records = [];
    expect(stream.trialsDone).toBe(0);
    expect(stream.finished).toBe(false);
    for (;;) {
      const r = stream.nextTrial({
        onTrial: (_, done) => seen.push(done),
        beforePhase: (p) => phases.push(p),
        onStep: (t) => steps.push(t),
      });
      if (!r) break;
      records.push(r);
    }
    expect(stream.finished).toBe(true);
    expect(stream.trialsDone).toBe(6);
    expect(stream.nextTrial()).toBeUndefined();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(phases).toEqual([0, 1]);
    expect(steps.length).toBe(records.reduce((s, r) => s + r.eyelid.length, 0));
    expect(records.map((r) => r.trial.index)).toEqual(batch.map((r) => r.trial.index));
    for (let i = 0; i < batch.length; i++) {
      expect(Array.from(records[i].eyelid)).toEqual(Array.from(batch[i].eyelid));
      expect(Array.from(records[i].pause)).toEqual(Array.from(batch[i].pause));
    }
  });
});
