/**
 * Studies across machines (BullMQ on Redis): three `shoulda worker` processes, one killed with
 * SIGKILL in the middle of a run, and a coordinator killed and started again; every run lands
 * in the database exactly once, with the numbers of the same study run locally. Needs
 * redis-server (skipped, with the reason, without it) and the build (the workers are bin/).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planStudy } from "../../src/study/plan.js";
import { versionKey } from "../../src/study/queue/jobs.js";
import { runStudy } from "../../src/study/run.js";
import { parseStudy } from "../../src/study/spec.js";
import { VERSION } from "../../src/version.js";
import { cli, tempDir } from "../cli/helpers.js";
import { query } from "./query.js";
import { noRedis, startRedis, type TestRedis, uniqueQueue } from "./redis.js";

const BIN = resolve("bin/shoulda.js");
/** 2 conditions × 3 animals of a small fear model: about a second a run. */
const STUDY = {
  paradigm: "fear",
  seeds: "1..3",
  sweep: { "model.plasticity.la.potentiation": [0.03, 0.06] },
  set: { "model.la.count": 600, "model.itc.count": 600, "model.inputs.count": 256 },
};

/** A child `shoulda …` whose stderr lines are kept and can be waited for. */
function shoulda(args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; done: (line: string) => void }[] = [];
  let rest = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (text: string) => {
    const parts = (rest + text).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.splice(0))
        if (w.re.test(line)) w.done(line);
        else waiters.push(w);
    }
  });
  const exited = new Promise<number | string>((done) =>
    child.on("close", (code, signal) => done(code ?? String(signal))),
  );
  const waitFor = (re: RegExp) =>
    new Promise<string>((done) => {
      const seen = lines.find((l) => re.test(l));
      if (seen) done(seen);
      else waiters.push({ re, done });
    });
  return { child, lines, exited, waitFor };
}

describe("study --queue and worker: bad input", () => {
  it("refuses a bad URL, an unreachable server and --jobs with --queue (exit 2, no folder)", async () => {
    const dir = tempDir();
    const file = join(dir, "s.json");
    writeFileSync(file, JSON.stringify(STUDY));
    const out = join(dir, "out");
    const bad = await cli("study", file, "--out", out, "--queue", "http://127.0.0.1:6379");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--queue: got "http:\/\/127\.0\.0\.1:6379"; allowed: a Redis URL/);
    const down = await cli("study", file, "--out", out, "--queue", "redis://127.0.0.1:1");
    expect(down.code).toBe(2);
    expect(down.err).toMatch(/--queue: cannot reach redis:\/\/127\.0\.0\.1:1 \(.*\)/);
    const both = await cli("study", file, "--out", out, "--queue", "redis://h:1", "--jobs", "2");
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--jobs: conflicts with --queue/);
    const name = await cli("worker", "--queue", "redis://h:1", "--queue-name", "a b");
    expect(name.code).toBe(2);
    expect(name.err).toMatch(/--queue-name: got "a b"; allowed: 1–64 letters/);
    expect((await cli("worker")).err).toMatch(/--queue: missing \(required\)/);
    expect((await cli("worker", "--queue", "redis://h:1", "--concurrency", "0")).err).toMatch(
      /--concurrency: got "0"; allowed: an integer 1\.\.1024/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe.skipIf(noRedis)(`study --queue on Redis${noRedis ? ` (skipped: ${noRedis})` : ""}`, () => {
  let redis: TestRedis;
  const workers: ReturnType<typeof shoulda>[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await redis?.stop();
  });

  it("three workers, one SIGKILLed mid-run, the coordinator killed and resumed: every run once, same numbers as a local study", async () => {
    const dir = tempDir();
    const file = join(dir, "fear.json");
    writeFileSync(file, JSON.stringify(STUDY));
    const queue = uniqueQueue();
    const q = ["--queue", redis.url, "--queue-name", queue];

    // The reference: the same study on local threads.
    const ref = join(dir, "local");
    const local = await runStudy(planStudy(parseStudy(STUDY)), ref, {
      jobs: 1,
      versions: {},
      title: "fear",
    });
    expect(local.failed).toEqual([]);

    // A coordinator enqueues every run and is killed before any worker exists.
    const out = join(dir, "queued");
    const first = shoulda(["study", file, "--out", out, ...q]);
    expect(await first.waitFor(/runs enqueued/)).toMatch(/6 runs enqueued, 0 already queued/);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    // Three workers; the first is killed as soon as it starts a run, which must then run again
    // on another worker once its lock (3 s: slack for a loaded machine) runs out.
    // The third stops by itself once idle (--idle-exit), the second on SIGTERM.
    for (const extra of [[], [], ["--idle-exit", "3"]])
      workers.push(
        shoulda(["worker", ...q, "--concurrency", "1", "--lock-seconds", "3", ...extra]),
      );
    await Promise.all(workers.map((w) => w.waitFor(/^worker .*lock 3 s/)));
    const killedRun = (await workers[0].waitFor(/^start /)).split(" ")[1];
    workers[0].child.kill("SIGKILL");
    expect(await workers[0].exited).toBe("SIGKILL");

    // The coordinator again: it finds the queued and finished jobs, enqueues nothing, collects.
    const again = await cli("study", file, "--out", out, ...q);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/0 runs enqueued, 6 already queued, 0 already done/);
    const retried = workers
      .slice(1)
      .flatMap((w) => w.lines)
      .filter((l) => l.startsWith(`start ${killedRun} `));
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatch(/try 2\)$/);

    const db = join(out, "study.duckdb");
    expect(
      await query(
        db,
        "SELECT condition_id, seed::INTEGER AS seed, count(*)::INTEGER AS n, min(status) AS status FROM runs GROUP BY ALL ORDER BY ALL",
      ),
    ).toEqual(
      ["c1", "c2"].flatMap((c) =>
        [1, 2, 3].map((seed) => ({ condition_id: c, seed, n: 1, status: "done" })),
      ),
    );
    const same = async (sql: string) => {
      const [want, got] = await Promise.all([
        query(join(ref, "study.duckdb"), sql),
        query(db, sql),
      ]);
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
    };
    await same("SELECT * FROM trials ORDER BY run_id, row");
    await same("SELECT run_id, ord, metric, value FROM summaries ORDER BY run_id, ord");
    await same("SELECT count(*) AS n, count(DISTINCT (run_id, row)) AS d FROM trials");
    expect(
      await query(db, "SELECT count(*)::INTEGER AS n FROM runs WHERE started_at IS NULL"),
    ).toEqual([{ n: 0 }]);

    // Started once more, nothing is enqueued or counted again; collected jobs left Redis.
    const third = await cli("study", file, "--out", out, ...q);
    expect(third.err).toMatch(/0 runs enqueued, 0 already queued, 6 already done/);
    const bull = new Queue(queue, { connection: { url: redis.url } });
    expect(await bull.getJobCounts("completed", "failed", "waiting", "active")).toEqual({
      completed: 0,
      failed: 0,
      waiting: 0,
      active: 0,
    });
    await bull.close();

    // Workers stop cleanly: on SIGTERM, or when idle.
    workers[1].child.kill("SIGTERM");
    expect(await Promise.all(workers.slice(1).map((w) => w.exited))).toEqual([0, 0]);
    expect(workers[2].lines.at(-1)).toBe("no run for 3 s: stopping");
  }, 240_000);

  it("one queue, one shoulda version: a worker and a study of another version are refused", async () => {
    const queue = uniqueQueue();
    const client = new Redis(redis.url);
    try {
      // Jobs of "another version" wait in the queue.
      await client.set(versionKey(queue), "0.0.0-other");
      const bull = new Queue(queue, { connection: { url: redis.url } });
      await bull.add("x", { version: "0.0.0-other", study: "s", runId: "c1-seed1", config: {} });
      await bull.close();
      const worker = shoulda(["worker", "--queue", redis.url, "--queue-name", queue]);
      expect(await worker.exited).toBe(2);
      expect(worker.lines.join("\n")).toMatch(
        new RegExp(
          `--queue: queue "${queue}" .* planned by shoulda 0\\.0\\.0-other, and this worker is shoulda ${VERSION.replace(/\./g, "\\.")}`,
        ),
      );
      const dir = tempDir();
      const file = join(dir, "s.json");
      writeFileSync(file, JSON.stringify(STUDY));
      const study = await cli(
        "study",
        file,
        "--out",
        join(dir, "out"),
        "--queue",
        redis.url,
        "--queue-name",
        queue,
      );
      expect(study.code).toBe(2);
      expect(study.err).toMatch(/--queue: .* has 1 unfinished jobs of shoulda 0\.0\.0-other/);
      expect(existsSync(join(dir, "out"))).toBe(false);

      // Without the version mark, a worker that takes such a job puts it back and stops.
      await client.del(versionKey(queue));
      const taker = shoulda(["worker", "--queue", redis.url, "--queue-name", queue]);
      expect(await taker.exited).toBe(2);
      expect(taker.lines.join("\n")).toMatch(/error: --queue: .* planned by shoulda 0\.0\.0-other/);
      const back = new Queue(queue, { connection: { url: redis.url } });
      const counts = await back.getJobCounts("waiting", "delayed", "failed", "active");
      await back.close();
      expect(counts.waiting + counts.delayed).toBe(1);
      expect(counts.failed).toBe(0);
    } finally {
      client.disconnect();
    }
  }, 120_000);
});
