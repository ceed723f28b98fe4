/**
 * One writer per output path: `<target>.lock` holds "<pid> <token>" of the process writing
 * `<target>`. Created by hard-linking a finished temp file onto the lock name, so the lock never
 * exists half-written and two processes can never both create it (link fails with EEXIST).
 *
 * A lock whose pid is dead (a run killed with -9) is stale and taken over: it is first renamed
 * aside (only one taker can rename a given file), then checked again, so two processes that find
 * the same stale lock cannot both win. A reused pid makes a stale lock look held; the error then
 * names the lock file to remove. No polling, no timeouts: the second writer is refused at once.
 */
import { randomBytes } from "node:crypto";
import { link, open, readFile, rename, rm } from "node:fs/promises";
import { faultPoint } from "./fault.js";

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A unique sibling name of `target` that records this process: `<target>.<kind>-<pid>-<hex>`. */
export function siblingName(target: string, kind: string): string {
  return `${target}.${kind}-${process.pid}-${randomBytes(6).toString("hex")}`;
}

/** Thrown when another live process holds the lock. */
export class LockedError extends Error {
  constructor(
    readonly target: string,
    readonly holder: number | undefined,
  ) {
    super(
      `${target} is being written by another process${holder === undefined ? "" : ` (pid ${holder})`}; ` +
        `if none is running, remove ${target}.lock`,
    );
    this.name = "LockedError";
  }
}

/** Hard links aren't supported on every filesystem (FAT, some network mounts): there, create with O_EXCL. */
async function linkOrCreate(tmp: string, file: string, content: string): Promise<void> {
  try {
    await link(tmp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw e;
    const fh = await open(file, "wx");
    try {
      await fh.writeFile(content);
    } finally {
      await fh.close();
    }
  }
}

/** The pid in a lock file; undefined if unreadable; "gone" if another taker moved it away meanwhile. */
async function holderOf(lockFile: string): Promise<number | undefined | "gone"> {
  let text: string;
  try {
    text = await readFile(lockFile, "utf8");
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : undefined;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) ? pid : undefined;
}

/** The holder to name in an error: a lock that vanished has no holder to name. */
function named(holder: number | undefined | "gone"): number | undefined {
  return holder === "gone" ? undefined : holder;
}

export class TargetLock {
  private released = false;

  private constructor(
    readonly file: string,
    private readonly content: string,
  ) {}

  /** Takes `<target>.lock` or throws {@link LockedError}; takes over a lock of a dead pid. */
  static async acquire(target: string): Promise<TargetLock> {
    const file = `${target}.lock`;
    const content = `${process.pid} ${randomBytes(8).toString("hex")}\n`;
    const tmp = siblingName(target, "locktmp");
    const fh = await open(tmp, "wx");
    try {
      await fh.writeFile(content);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      // A stale lock taken over, a lock that vanished under us, then a race lost to a live taker:
      // five rounds cover the worst interleavings of a few writers.
      for (let round = 0; round < 5; round++) {
        try {
          await linkOrCreate(tmp, file, content);
          faultPoint("locked");
          return new TargetLock(file, content);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        }
        const holder = await holderOf(file);
        // The lock vanished between our link and our read (a stale-lock taker moved it): try again.
        if (holder === "gone") continue;
        if (holder === undefined || pidAlive(holder)) throw new LockedError(target, holder);
        await TargetLock.takeOverStale(target, file);
      }
      throw new LockedError(target, named(await holderOf(file)));
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Moves a stale lock aside and deletes it; puts it back if a live process took it meanwhile. */
  private static async takeOverStale(target: string, file: string): Promise<void> {
    const aside = siblingName(target, "lockstale");
    try {
      await rename(file, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return; // someone else removed it
      throw e;
    }
    const holder = named(await holderOf(aside));
    if (holder !== undefined && pidAlive(holder)) {
      // A live process won the lock between our read and our rename: give it back.
      await link(aside, file).catch(() => {});
      await rm(aside, { force: true });
      throw new LockedError(target, holder);
    }
    await rm(aside, { force: true });
  }

  /** Removes the lock if it is still ours. Safe to call more than once. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const now = await readFile(this.file, "utf8").catch(() => "");
    if (now === this.content) await rm(this.file, { force: true });
  }
}
