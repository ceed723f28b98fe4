/**
 * The output folder is all or nothing, also when the writer is killed with -9 at any step of the
 * commit (SHOULDA_FAULT_AT, io/fault.ts), when writers race for one folder, and when a killed
 * writer left its lock, staging folder or the moved-aside old folder behind. The writers are
 * separate processes (test/io/fixtures/publishChild.mjs, on dist/ built by `npm test`).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputDir } from "../../src/io/atomic.js";
import { tempDir } from "../cli/helpers.js";

const CHILD = join(import.meta.dirname, "fixtures", "publishChild.mjs");
const FILES = ["config.json", "summary.json", "trials.csv", "plots/a.svg", "plots/b.svg"];

if (!existsSync(join(import.meta.dirname, "..", "..", "dist", "io", "atomic.js")))
  throw new Error("test/io/publish.test.ts runs dist/: run `npm run build` first");

interface Exit {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function writer(dir: string, generation: string, mode: "replace" | "keep", faultAt?: number): Exit {
  const env = { ...process.env, SHOULDA_FAULT_AT: faultAt === undefined ? "" : String(faultAt) };
  const r = spawnSync(process.execPath, [CHILD, dir, generation, mode], { env, encoding: "utf8" });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

/** "absent", or the generation of a complete folder; throws on anything partial or mixed. */
function state(dir: string): string {
  if (!existsSync(dir)) return "absent";
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
  expect(names, `files in ${dir}`).toEqual([...FILES].sort());
  const generations = new Set(
    FILES.map((f) => {
      const [generation, name] = readFileSync(join(dir, f), "utf8").trim().split(" ");
      expect(name).toBe(f);
      return generation;
    }),
  );
  expect(generations.size, `one run's files only in ${dir}`).toBe(1);
  return [...generations][0];
}

/** A pid that surely belongs to no process now: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid as number;
}

describe("kill -9 during the commit", () => {
  for (const scenario of ["new folder", "replacing a folder (--force)"] as const) {
    it(`leaves the folder absent or complete at every step: ${scenario}`, () => {
      const replacing = scenario !== "new folder";
      const allowed = replacing ? ["absent", "old", "new"] : ["absent", "new"];
      let killed = 0;
      for (let k = 1; k < 60; k++) {
        const root = tempDir();
        const dir = join(root, "out");
        if (replacing) expect(writer(dir, "old", "keep").status).toBe(0);
        const r = writer(dir, "new", replacing ? "replace" : "keep", k);
        if (r.signal !== "SIGKILL") {
          expect(r.status, r.stderr).toBe(0); // past the last crash point: a normal run
          expect(state(dir)).toBe("new");
          expect(readdirSync(root)).toEqual(["out"]);
          break;
        }
        killed++;
        const after = state(dir);
        expect(allowed, `killed at step ${k}`).toContain(after);
        if (replacing && after === "absent") {
          // Killed between moving the old folder aside and moving the new one in: the next
          // writer moves the old one back first, so a plain run then finds it and refuses.
          expect(writer(dir, "next", "keep").status).toBe(2);
          expect(state(dir)).toBe("old");
        }
        // The next writer takes over the dead writer's lock and cleans up what it left.
        const next = writer(dir, "next", "replace");
        expect(next.status, next.stderr).toBe(0);
        expect(state(dir)).toBe("next");
        expect(readdirSync(root), `leftovers after step ${k}`).toEqual(["out"]);
      }
      // lock, each of the 5 files, sync, (aside), publish, (old removed), unlock
      expect(killed).toBe(replacing ? 11 : 9);
    });
  }
});

describe("concurrent writers", () => {
  for (const start of ["no lock", "a dead writer's lock"] as const)
    it(`one of several simultaneous writers wins; the others are refused; the folder is whole (${start})`, async () => {
      const root = tempDir();
      const dir = join(root, "out");
      // Several writers finding the same stale lock must still let only one of them in.
      if (start !== "no lock") writeFileSync(`${dir}.lock`, `${deadPid()} 0123456789abcdef\n`);
      const runs = Array.from({ length: 4 }, (_, i) => {
        const child = spawn(process.execPath, [CHILD, dir, `w${i}`, "keep", "400"], {
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (d) => {
          stderr += d;
        });
        return new Promise<{ code: number | null; stderr: string }>((done) =>
          child.on("close", (code) => done({ code, stderr })),
        );
      });
      const results = await Promise.all(runs);
      const codes = results.map((r) => r.code).sort();
      expect(
        codes.filter((c) => c === 0),
        JSON.stringify(results),
      ).toHaveLength(1);
      for (const r of results.filter((r) => r.code !== 0))
        expect(r.stderr).toMatch(/being written by another process \(pid \d+\)|already exists/);
      expect(state(dir)).toMatch(/^w[0-3]$/);
      expect(readdirSync(root)).toEqual(["out"]);
    });

  it("takes over a dead writer's lock, and refuses a live one's", async () => {
    const root = tempDir();
    const dir = join(root, "out");
    writeFileSync(`${dir}.lock`, `${deadPid()} 0123456789abcdef\n`);
    await OutputDir.run(dir, (out) => out.write("a.txt", "A"));
    expect(readdirSync(root)).toEqual(["out"]);

    const other = join(root, "other");
    writeFileSync(`${other}.lock`, `${process.pid} 0123456789abcdef\n`);
    await expect(OutputDir.create(other)).rejects.toThrow(
      `${other} is being written by another process (pid ${process.pid}); if none is running, remove ${other}.lock`,
    );
    expect(readdirSync(root).sort()).toEqual(["other.lock", "out"]);
  });
});

describe("leftovers of killed writers", () => {
  it("removes dead writers' staging folders, restores a moved-aside folder, spares live ones", async () => {
    const root = tempDir();
    const dir = join(root, "out");
    const dead = deadPid();
    mkdirSync(`${dir}.partial-${dead}-00112233aabb`);
    writeFileSync(join(`${dir}.partial-${dead}-00112233aabb`, "config.json"), "half");
    writeFileSync(join(root, `.out.json.${dead}.445566778899.tmp`), "half");
    mkdirSync(`${dir}.old-${dead}-ccddeeff0011`);
    writeFileSync(join(`${dir}.old-${dead}-ccddeeff0011`, "summary.json"), "previous run");
    const live = `${dir}.partial-${process.pid}-0123456789ab`;
    mkdirSync(live);
    const unrelated = join(root, "out2.partial-1-0123456789ab");
    mkdirSync(unrelated);

    // The old folder is back, so a writer that may not replace it is refused.
    await expect(OutputDir.create(dir)).rejects.toMatchObject({ reason: "exists" });
    expect(readFileSync(join(dir, "summary.json"), "utf8")).toBe("previous run");
    expect(readdirSync(root).sort()).toEqual(
      [
        "out",
        live.split("/").pop(),
        "out2.partial-1-0123456789ab",
        `.out.json.${dead}.445566778899.tmp`,
      ].sort(),
    );
  });
});
