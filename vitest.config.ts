import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The literature files (the scorecard's targets, 1–3 min each) are the suite's long poles: start
 * them first so the short files fill the other worker around them. On a fresh clone vitest has
 * no timings cached and would otherwise run the largest files first, and these are 5 lines.
 */
const LITERATURE = /\/test\/(validation\/|[^/]+\/targets\.test\.ts$)/;

class LiteratureFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = sorted.filter((f) => LITERATURE.test(f.moduleId));
    return [...slow, ...sorted.filter((f) => !LITERATURE.test(f.moduleId))];
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default is one worker less than the CPUs: one worker on a 2-core machine, which
    // left a core idle for most of the suite. Two workers use both.
    maxWorkers: 2,
    sequence: { sequencer: LiteratureFirst },
  },
});
