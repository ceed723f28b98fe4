/**
 * Crash-safe writes of results to disk.
 *
 * - {@link writeFileAtomic} replaces one file: readers see either the old content or the new
 *   content, never a truncated mix, even if the process dies mid-write.
 * - {@link OutputDir} stages a whole run's output (CSV tables, plots, a summary) in a sibling
 *   folder and moves it into place only when the run has finished. A run that throws or is
 *   killed therefore leaves no partial or corrupt files in the output folder: at worst a
 *   `<dir>.partial-<hex>` staging folder, which is safe to delete.
 */
import { randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

function randomHex(bytes = 6): string {
  return randomBytes(bytes).toString("hex");
}

/** Best-effort fsync of a directory so that a rename inside it is durable (a no-op where unsupported). */
async function syncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch {
    // Directories cannot be opened or fsynced on some platforms (Windows); durability of the
    // rename is then up to the OS, atomicity is unaffected.
  } finally {
    if (fh) await fh.close().catch(() => {});
  }
}

/**
 * Replaces the file at `path` with `data` atomically: the data goes to a uniquely named temp
 * file in the same directory (`.<name>.<pid>.<hex>.tmp`), is fsynced, and is then renamed over
 * the target. On failure the temp file is removed, the old file (if any) is left untouched, and
 * the error is rethrown. The parent directory must exist.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomHex()}.tmp`);
  // "wx": never clobber an existing file, so on failure we only ever remove our own temp file.
  const fh = await open(tmp, "wx");
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
  await syncDir(dir);
}

/**
 * Checks a file name given to {@link OutputDir.write}: a relative path of one or two segments
 * ("summary.csv" or "plots/cr.svg"), no "." / ".." segments, no backslashes.
 */
function checkName(name: string): string[] {
  const parts = name.split("/");
  const ok =
    name.length > 0 &&
    !name.includes("\\") &&
    !name.includes("\0") &&
    parts.length <= 2 &&
    parts.every((p) => p.length > 0 && p !== "." && p !== "..");
  if (!ok) {
    throw new Error(
      `OutputDir: invalid file name ${JSON.stringify(name)} ` +
        `(expected "file" or "subfolder/file", without "." or ".." segments)`,
    );
  }
  return parts;
}

/**
 * A run's output folder, written as a unit.
 *
 * ```ts
 * const out = await OutputDir.create("out/eyeblink");
 * try {
 *   await out.write("trials.csv", csv);
 *   await out.write("plots/cr.svg", svg);
 *   await out.commit(); // files appear in out/eyeblink only now
 * } catch (err) {
 *   await out.abort(); // nothing written to out/eyeblink
 *   throw err;
 * }
 * ```
 * (or simply `await OutputDir.run("out/eyeblink", async (out) => { ... })`).
 *
 * Files are written into a staging folder `<dir>.partial-<hex>` next to `dir` (same filesystem,
 * so the final moves are renames). {@link commit} creates `dir` if needed and moves each file
 * into it, replacing files of the same names atomically per file; files already in `dir` that
 * this run did not write are kept. A failed run that calls {@link abort} (or is killed before
 * {@link commit}) leaves `dir` exactly as it was.
 *
 * Caveat: the commit is atomic per file, not for the set: if it fails midway (disk error, a
 * directory in the way of a file), the files moved so far stay in `dir`, the rest stay in
 * staging, and `commit` rethrows; call {@link abort} to remove the staging folder.
 */
export class OutputDir {
  /** Relative names written so far, in first-write order. */
  private readonly names: string[] = [];
  private state: "open" | "committed" | "aborted" = "open";

  private constructor(
    /** Absolute path of the final output folder. */
    readonly dir: string,
    /** Absolute path of the staging folder (removed by commit/abort). */
    readonly stagingDir: string,
  ) {}

  /** Creates the staging folder (and the parent of `dir`, if missing). `dir` itself is not touched. */
  static async create(dir: string): Promise<OutputDir> {
    const abs = resolve(dir);
    if (abs === dirname(abs)) throw new Error(`OutputDir: cannot use the root folder ${abs}`);
    await mkdir(dirname(abs), { recursive: true });
    const staging = `${abs}.partial-${randomHex()}`;
    await mkdir(staging);
    return new OutputDir(abs, staging);
  }

  /**
   * Runs `fn` with a fresh OutputDir for `dir`, commits if it resolves, aborts (and rethrows)
   * if it or the commit throws. Returns `fn`'s result.
   */
  static async run<T>(dir: string, fn: (out: OutputDir) => Promise<T>): Promise<T> {
    const out = await OutputDir.create(dir);
    try {
      const result = await fn(out);
      await out.commit();
      return result;
    } catch (err) {
      await out.abort().catch(() => {});
      throw err;
    }
  }

  /** Names ("file" or "subfolder/file") written so far. */
  get files(): readonly string[] {
    return this.names;
  }

  /** Writes (or overwrites) `name` in the staging folder. `name` may contain one subfolder level. */
  async write(name: string, data: string | Uint8Array): Promise<void> {
    this.assertOpen("write");
    const parts = checkName(name);
    if (parts.length === 2) await mkdir(join(this.stagingDir, parts[0]), { recursive: true });
    await writeFileAtomic(join(this.stagingDir, ...parts), data);
    if (!this.names.includes(name)) this.names.push(name);
  }

  /** Moves all written files into `dir` (creating it) and removes the staging folder. */
  async commit(): Promise<void> {
    this.assertOpen("commit");
    await mkdir(this.dir, { recursive: true });
    const dirsToSync = new Set<string>([this.dir]);
    const made = new Set<string>();
    for (const name of this.names) {
      const parts = checkName(name);
      if (parts.length === 2 && !made.has(parts[0])) {
        await mkdir(join(this.dir, parts[0]), { recursive: true });
        made.add(parts[0]);
        dirsToSync.add(join(this.dir, parts[0]));
      }
      await rename(join(this.stagingDir, ...parts), join(this.dir, ...parts));
    }
    for (const d of dirsToSync) await syncDir(d);
    this.state = "committed";
    await rm(this.stagingDir, { recursive: true, force: true });
  }

  /** Removes the staging folder; `dir` is left as it was. Safe to call more than once, and after commit. */
  async abort(): Promise<void> {
    if (this.state === "open") this.state = "aborted";
    await rm(this.stagingDir, { recursive: true, force: true });
  }

  private assertOpen(op: string): void {
    if (this.state !== "open") {
      throw new Error(
        `OutputDir: cannot ${op} after ${this.state === "committed" ? "commit" : "abort"}`,
      );
    }
  }
}
