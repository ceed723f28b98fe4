/**
 * A Redis for the queue tests: the one .ci/run started (SHOULDA_TEST_REDIS_URL), else a private
 * redis-server on a free loopback port, else none (the tests skip, saying why).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

const FROM_CI = process.env.SHOULDA_TEST_REDIS_URL;
const HAS_SERVER = !FROM_CI && !spawnSync("redis-server", ["--version"]).error;

/** Why the queue tests cannot run here, or undefined when they can. */
export const noRedis: string | undefined =
  FROM_CI || HAS_SERVER
    ? undefined
    : "redis-server is not installed (apt-get install redis-server) and SHOULDA_TEST_REDIS_URL is not set";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  if (FROM_CI) return { url: FROM_CI, stop: async () => {} };
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
    child.stdout?.on("data", (text: Buffer) => {
      if (/ready to accept connections/i.test(String(text))) resolve();
    });
  });
  child.stdout?.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners("exit");
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

let queues = 0;
/** A queue name no other test (or test run sharing CI's Redis) uses. */
export const uniqueQueue = () => `test-${process.pid}-${++queues}`;
