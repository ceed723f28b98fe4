import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutputDir, OutputFile, writeFileAtomic } from "../../src/io/atomic.js";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "shoulda-io-"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("creates and replaces a file and leaves no temp files", async () => {
    const p = join(root, "a.txt");
    await writeFileAtomic(p, "first");
    expect(await readFile(p, "utf8")).toBe("first");
    await writeFileAtomic(p, new TextEncoder().encode("second, longer content"));
    expect(await readFile(p, "utf8")).toBe("second, longer content");
    await writeFileAtomic(p, "3");
    expect(await readFile(p, "utf8")).toBe("3");
    expect(await readdir(root)).toEqual(["a.txt"]);
  });

  it("keeps the old file when the write fails, and removes its temp file", async () => {
    const p = join(root, "a.txt");
    await writeFile(p, "old");
    // Invalid data makes the write fail after the temp file was created.
    await expect(writeFileAtomic(p, 42 as unknown as string)).rejects.toThrow();
    expect(await readFile(p, "utf8")).toBe("old");
    expect(await readdir(root)).toEqual(["a.txt"]);
  });

  it("removes its temp file when the rename fails", async () => {
    const p = join(root, "d");
    await mkdir(join(p, "child"), { recursive: true });
    await expect(writeFileAtomic(p, "x")).rejects.toThrow();
    expect(await readdir(root)).toEqual(["d"]);
    expect(await readdir(p)).toEqual(["child"]);
  });

  it("fails when the directory does not exist", async () => {
    await expect(writeFileAtomic(join(root, "missing", "a.txt"), "x")).rejects.toThrow();
    expect(await readdir(root)).toEqual([]);
  });
});

describe("OutputDir", () => {
  it("writes nothing to the target until commit, then moves all files and removes staging", async () => {
    const dir = join(root, "out", "run1");
    const out = await OutputDir.create(dir);
    expect(out.stagingDir.startsWith(`${dir}.partial-`)).toBe(true);
    await out.write("summary.csv", "a,b\n1,2\n");
    await out.write("plots/cr.svg", "<svg/>");
    await out.write("plots/rate.svg", "<svg></svg>");
    await out.write("summary.csv", "a,b\n3,4\n"); // overwrite in staging
    expect(out.files).toEqual(["summary.csv", "plots/cr.svg", "plots/rate.svg"]);
    expect((await readdir(join(root, "out"))).sort()).toEqual(
      [out.stagingDir.split("/").pop(), "run1.lock"].sort(),
    );
    expect(out.stagingDir).toMatch(new RegExp(`run1\\.partial-${process.pid}-[0-9a-f]{12}$`));

    await out.commit();
    expect(await readdir(join(root, "out"))).toEqual(["run1"]);
    expect((await readdir(dir)).sort()).toEqual(["plots", "summary.csv"]);
    expect((await readdir(join(dir, "plots"))).sort()).toEqual(["cr.svg", "rate.svg"]);
    expect(await readFile(join(dir, "summary.csv"), "utf8")).toBe("a,b\n3,4\n");
    expect(await readFile(join(dir, "plots", "cr.svg"), "utf8")).toBe("<svg/>");
    await expect(out.write("late.txt", "x")).rejects.toThrow(/after commit/);
    await expect(out.commit()).rejects.toThrow();
  });

  it("refuses a non-empty target unless replace, which swaps the whole folder", async () => {
    const dir = join(root, "run");
    await mkdir(join(dir, "plots"), { recursive: true });
    await writeFile(join(dir, "summary.csv"), "old");
    await writeFile(join(dir, "notes.txt"), "old run's file");
    await expect(OutputDir.create(dir)).rejects.toMatchObject({ reason: "exists" });
    expect(await readdir(root)).toEqual(["run"]); // no lock, no staging left
    const out = await OutputDir.create(dir, { replace: true });
    await out.write("summary.csv", "new");
    await out.write("plots/cr.svg", "new svg");
    await out.commit();
    expect(await readFile(join(dir, "summary.csv"), "utf8")).toBe("new");
    expect(await readFile(join(dir, "plots", "cr.svg"), "utf8")).toBe("new svg");
    expect((await readdir(dir)).sort()).toEqual(["plots", "summary.csv"]); // no merge
    expect(await readdir(root)).toEqual(["run"]);
  });

  it("fills an existing empty folder without asking", async () => {
    const dir = join(root, "empty");
    await mkdir(dir);
    await OutputDir.run(dir, (out) => out.write("a.txt", "A"));
    expect(await readFile(join(dir, "a.txt"), "utf8")).toBe("A");
    expect(await readdir(root)).toEqual(["empty"]);
  });

  it("refuses a file in the way, at the start or when it appears during the run", async () => {
    const dir = join(root, "x");
    await writeFile(dir, "a file");
    await expect(OutputDir.create(dir, { replace: true })).rejects.toMatchObject({
      reason: "blocked",
    });
    await rm(dir);
    const out = await OutputDir.create(dir, { replace: true });
    await out.write("a.txt", "A");
    await writeFile(dir, "appeared");
    await expect(out.commit()).rejects.toThrow(/appeared during the run and is not a folder/);
    await out.abort();
    expect(await readdir(root)).toEqual(["x"]);
    expect(await readFile(dir, "utf8")).toBe("appeared");
  });

  it("refuses a folder filled during the run without replace, keeping what is there", async () => {
    const dir = join(root, "y");
    const out = await OutputDir.create(dir);
    await out.write("a.txt", "mine");
    await mkdir(dir);
    await writeFile(join(dir, "a.txt"), "theirs");
    await expect(out.commit()).rejects.toMatchObject({ reason: "exists" });
    await out.abort();
    expect(await readdir(root)).toEqual(["y"]);
    expect(await readFile(join(dir, "a.txt"), "utf8")).toBe("theirs");
  });

  it("locks the target while open: a second writer is refused until commit or abort", async () => {
    const dir = join(root, "z");
    const first = await OutputDir.create(dir);
    expect((await readdir(root)).some((n) => n === "z.lock")).toBe(true);
    await expect(OutputDir.create(dir)).rejects.toThrow(
      new RegExp(`being written by another process \\(pid ${process.pid}\\)`),
    );
    await first.abort();
    const second = await OutputDir.create(dir);
    await second.write("a.txt", "A");
    await second.commit();
    expect(await readdir(root)).toEqual(["z"]);
  });

  it("abort leaves nothing behind and an existing target untouched", async () => {
    const fresh = join(root, "fresh");
    const a = await OutputDir.create(fresh);
    await a.write("x.csv", "1\n");
    await a.write("sub/y.svg", "<svg/>");
    await a.abort();
    await a.abort(); // idempotent
    expect(await readdir(root)).toEqual([]);
    await expect(a.write("z", "")).rejects.toThrow(/after abort/);

    const existing = join(root, "existing");
    await mkdir(existing);
    await writeFile(join(existing, "x.csv"), "old");
    const b = await OutputDir.create(existing, { replace: true });
    await b.write("x.csv", "new");
    await b.abort();
    expect(await readdir(root)).toEqual(["existing"]);
    expect(await readFile(join(existing, "x.csv"), "utf8")).toBe("old");
  });

  it("run commits on success and aborts on error", async () => {
    const ok = join(root, "ok");
    const result = await OutputDir.run(ok, async (out) => {
      await out.write("a.txt", "A");
      return 7;
    });
    expect(result).toBe(7);
    expect(await readFile(join(ok, "a.txt"), "utf8")).toBe("A");

    const bad = join(root, "bad");
    await expect(
      OutputDir.run(bad, async (out) => {
        await out.write("a.txt", "A");
        throw new Error("simulation diverged");
      }),
    ).rejects.toThrow("simulation diverged");
    expect(await readdir(root)).toEqual(["ok"]);
  });

  it("rejects names that escape the folder or nest too deep", async () => {
    const out = await OutputDir.create(join(root, "r"));
    for (const bad of ["", "../x", "a/../b", "/abs", "a/b/c", "./a", "a\\b", "a/"]) {
      await expect(out.write(bad, "x"), bad).rejects.toThrow(/invalid file name/);
    }
    await out.abort();
    expect(await readdir(root)).toEqual([]);
  });
});

describe("OutputFile", () => {
  it("writes a new file whole, refuses an existing one unless replace, and a folder always", async () => {
    const p = join(root, "s.json");
    const a = await OutputFile.create(p);
    expect((await readdir(root)).sort()).toEqual(["s.json.lock"]);
    await a.commit("one");
    expect(await readdir(root)).toEqual(["s.json"]);
    await expect(OutputFile.create(p)).rejects.toMatchObject({ reason: "exists" });
    const b = await OutputFile.create(p, { replace: true });
    await b.commit("two");
    expect(await readFile(p, "utf8")).toBe("two");
    await mkdir(join(root, "d"));
    await expect(OutputFile.create(join(root, "d"), { replace: true })).rejects.toMatchObject({
      reason: "blocked",
    });
    expect((await readdir(root)).sort()).toEqual(["d", "s.json"]);
  });

  it("does not clobber a file that appeared while it ran (without replace)", async () => {
    const p = join(root, "s.json");
    const out = await OutputFile.create(p);
    await writeFile(p, "theirs");
    await expect(out.commit("mine")).rejects.toThrow(/appeared during the run/);
    expect(await readFile(p, "utf8")).toBe("theirs");
    expect(await readdir(root)).toEqual(["s.json"]);
  });
});
