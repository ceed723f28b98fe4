/**
 * Crash-safe writes of results to disk.
 *
 * - {@link writeFileAtomic} replaces one file: readers see either the old content or the new
 *   content, never a truncated mix, even if the process dies mid-write.
 * - {@link OutputDir} stages a whole run's output (CSV tables, plots, a summary) in a sibling
 *   folder and publishes it with one rename when the run has finished; {@link OutputFile} does
 *   the same for one file. A run that throws or is killed leaves the output absent or complete,
 *   never partial, and what a killed run left beside it is cleaned up by the next writer.
 */
import { randomBytes } from "node:crypto";
import {
  type FileHandle,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  rmdir,
} from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { faultPoint } from "./fault.js";
import { cleanLeftovers } from "./leftovers.js";
import { LockedError, siblingName, TargetLock } from "./lock.js";

export { LockedError };

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

/** Why an output path cannot be written: it exists (and replacing was not asked for), or a non-folder is in the way. */
export class OutputError extends Error {
  constructor(
    readonly reason: "exists" | "blocked",
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "OutputError";
  }
}

export interface OutputOptions {
  /** Replace an existing output (the CLI's --force). Without it an existing one is refused. */
  replace?: boolean;
}

type Kind = "missing" | "dir" | "empty-dir" | "other";

/** What is at `path` now; symlinks are not followed (a link is not a folder of ours to replace). */
async function kindOf(path: string): Promise<Kind> {
  let st: Awaited<ReturnType<typeof lstat>>;
  try {
    st = await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw e;
  }
  if (!st.isDirectory()) return "other";
  return (await readdir(path)).length === 0 ? "empty-dir" : "dir";
}

function refuse(path: string, kind: Kind, replace: boolean, when: string): void {
  if (kind === "other")
    throw new OutputError(
      "blocked",
      path,
      `${path} ${when}is not a folder (a file or link is in the way)`,
    );
  if (kind === "dir" && !replace)
    throw new OutputError("exists", path, `${path} ${when}already exists and is not empty`);
}

/** Writes `data` to `path` (a new or truncated file) and fsyncs it. */
async function writeSynced(
  path: string,
  data: string | Uint8Array,
  flag: "w" | "wx",
): Promise<void> {
  const fh = await open(path, flag);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * A run's output folder, written as one unit: after any crash the folder is either absent, the
 * previous complete one, or the new complete one.
 *
 * ```ts
 * const out = await OutputDir.create("out/eyeblink"); // locks, refuses an existing folder
 * try {
 *   await out.write("trials.csv", csv);
 *   await out.write("plots/cr.svg", svg);
 *   await out.commit(); // out/eyeblink appears now, whole
 * } catch (err) {
 *   await out.abort(); // nothing written to out/eyeblink
 *   throw err;
 * }
 * ```
 * (or simply `await OutputDir.run("out/eyeblink", async (out) => { ... })`).
 *
 * {@link create} takes the lock `<dir>.lock` (io/lock.ts), cleans up what killed writers of `dir`
 * left (io/leftovers.ts), refuses an existing non-empty `dir` unless `replace`, and makes the
 * staging folder `<dir>.partial-<pid>-<hex>` beside it (same filesystem, so publishing is a
 * rename). {@link commit} fsyncs the staged files and publishes the folder with one rename; with
 * `replace`, the old folder is first renamed aside to `<dir>.old-<pid>-<hex>` and removed after
 * (if the process dies between the two renames, the next writer moves the old one back). An empty
 * existing `dir` (a fresh `mktemp -d`) is replaced without asking: there is nothing to lose.
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
    private readonly lock: TargetLock,
    private readonly replace: boolean,
    /** What was cleaned up after killed writers of `dir` ("removed …" / "restored …"). */
    readonly cleaned: readonly string[],
  ) {}

  /**
   * Locks `dir`, checks it, and creates the staging folder (and the parent of `dir`, if missing).
   * `dir` itself is not touched. Throws {@link OutputError} or {@link LockedError}.
   */
  static async create(dir: string, options: OutputOptions = {}): Promise<OutputDir> {
    const abs = resolve(dir);
    if (abs === dirname(abs)) throw new Error(`OutputDir: cannot use the root folder ${abs}`);
    await mkdir(dirname(abs), { recursive: true });
    const lock = await TargetLock.acquire(abs);
    try {
      const cleaned = await cleanLeftovers(abs);
      refuse(abs, await kindOf(abs), options.replace === true, "");
      const staging = siblingName(abs, "partial");
      await mkdir(staging);
      return new OutputDir(abs, staging, lock, options.replace === true, cleaned);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /**
   * Runs `fn` with a fresh OutputDir for `dir`, commits if it resolves, aborts (and rethrows)
   * if it or the commit throws. Returns `fn`'s result.
   */
  static async run<T>(
    dir: string,
    fn: (out: OutputDir) => Promise<T>,
    options: OutputOptions = {},
  ): Promise<T> {
    const out = await OutputDir.create(dir, options);
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
    await writeSynced(join(this.stagingDir, ...parts), data, "w");
    if (!this.names.includes(name)) this.names.push(name);
    faultPoint(`staged:${name}`);
  }

  /**
   * The staged path of `name` (one level, no subfolder), registered as written: for a file the
   * caller writes itself (streamed as the run goes, or by another library such as h5wasm). The
   * caller makes it durable; commit fsyncs the folder and publishes it with the rest.
   */
  stagedPath(name: string): string {
    this.assertOpen("write");
    if (checkName(name).length !== 1)
      throw new Error(`OutputDir: stagedPath takes a file name without a folder, got ${name}`);
    if (!this.names.includes(name)) this.names.push(name);
    return join(this.stagingDir, name);
  }

  /** Publishes the staging folder as `dir` (one rename), then releases the lock. */
  async commit(): Promise<void> {
    this.assertOpen("commit");
    for (const sub of new Set(
      this.names.filter((n) => n.includes("/")).map((n) => n.split("/")[0]),
    ))
      await syncDir(join(this.stagingDir, sub));
    await syncDir(this.stagingDir);
    faultPoint("synced");
    // Checked again: something may have appeared at `dir` while the run was simulating.
    const kind = await kindOf(this.dir);
    refuse(this.dir, kind, this.replace, "appeared during the run and ");
    let aside: string | undefined;
    if (kind === "dir") {
      aside = siblingName(this.dir, "old");
      await rename(this.dir, aside);
      faultPoint("aside");
    }
    try {
      await this.publish(kind === "empty-dir");
    } catch (err) {
      if (aside) await rename(aside, this.dir).catch(() => {});
      throw err;
    }
    faultPoint("published");
    await syncDir(dirname(this.dir));
    this.state = "committed";
    if (aside) {
      await rm(aside, { recursive: true, force: true });
      faultPoint("old-removed");
    }
    await this.lock.release();
    faultPoint("unlocked");
  }

  private async publish(overEmptyDir: boolean): Promise<void> {
    try {
      await rename(this.stagingDir, this.dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOTEMPTY" || code === "EEXIST")
        throw new OutputError("exists", this.dir, `${this.dir} was filled during the run`);
      // Platforms that cannot rename onto an empty folder (Windows): remove it first.
      if (!overEmptyDir || (code !== "EPERM" && code !== "EACCES")) throw e;
      await rmdir(this.dir);
      await rename(this.stagingDir, this.dir);
    }
  }

  /** Removes the staging folder and releases the lock; `dir` is left as it was. Safe to call more than once, and after commit. */
  async abort(): Promise<void> {
    if (this.state === "open") this.state = "aborted";
    await rm(this.stagingDir, { recursive: true, force: true });
    await this.lock.release();
  }

  private assertOpen(op: string): void {
    if (this.state !== "open") {
      throw new Error(
        `OutputDir: cannot ${op} after ${this.state === "committed" ? "commit" : "abort"}`,
      );
    }
  }
}

/**
 * One output file written as a unit with the same rules as {@link OutputDir}: locked while in
 * use, an existing file refused unless `replace`, published by one rename (or, without
 * `replace`, by a hard link that fails rather than clobber a file that appeared meanwhile).
 */
export class OutputFile {
  private done = false;

  private constructor(
    readonly path: string,
    private readonly lock: TargetLock,
    private readonly replace: boolean,
  ) {}

  /** Locks `path` and checks it (creating its parent folder). Throws {@link OutputError} or {@link LockedError}. */
  static async create(path: string, options: OutputOptions = {}): Promise<OutputFile> {
    const abs = resolve(path);
    await mkdir(dirname(abs), { recursive: true });
    const lock = await TargetLock.acquire(abs);
    try {
      await cleanLeftovers(abs);
      const st = await lstat(abs).catch(() => undefined);
      if (st && !st.isFile())
        throw new OutputError(
          "blocked",
          abs,
          `${abs} is not a file (a folder or link is in the way)`,
        );
      if (st && !options.replace) throw new OutputError("exists", abs, `${abs} already exists`);
      return new OutputFile(abs, lock, options.replace === true);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** Writes the file whole, then releases the lock. */
  async commit(data: string | Uint8Array): Promise<void> {
    if (this.done) throw new Error("OutputFile: already committed or aborted");
    this.done = true;
    try {
      const tmp = join(
        dirname(this.path),
        `.${basename(this.path)}.${process.pid}.${randomHex()}.tmp`,
      );
      try {
        await writeSynced(tmp, data, "wx");
        faultPoint(`staged:${basename(this.path)}`);
        if (this.replace) await rename(tmp, this.path);
        else
          await link(tmp, this.path).catch((e: NodeJS.ErrnoException) => {
            throw e.code === "EEXIST"
              ? new OutputError("exists", this.path, `${this.path} appeared during the run`)
              : e;
          });
        faultPoint("published");
      } finally {
        await rm(tmp, { force: true });
      }
      await syncDir(dirname(this.path));
    } finally {
      await this.lock.release();
    }
  }

  /** Releases the lock without writing. */
  async abort(): Promise<void> {
    this.done = true;
    await this.lock.release();
  }
}
