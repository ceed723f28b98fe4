/**
 * What a killed writer of an output path leaves beside it, and its clean-up. Called with the
 * target's lock held (io/lock.ts), so no live writer of the same target can be disturbed; entries
 * of a live pid (another target's writer in this process, say) are never touched.
 *
 * - `<target>.partial-<pid>-<hex>`: an unpublished staging folder: removed.
 * - `<target>.old-<pid>-<hex>`: the previous output, moved aside by a replacing run (--force). If
 *   the run died before the new folder went in, `<target>` is missing and this is moved back, so
 *   a killed replace loses nothing; otherwise it is removed.
 * - `<target>.locktmp-…`, `<target>.lockstale-…`: lock files in the making or being taken over.
 * - `.<name>.<pid>.<hex>.tmp`: a file being written by writeFileAtomic.
 */
import { lstat, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pidAlive } from "./lock.js";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Cleans up after dead writers of `target` (an absolute path); returns what it removed or restored. */
export async function cleanLeftovers(target: string): Promise<string[]> {
  const dir = dirname(target);
  const base = escapeRegExp(basename(target));
  const sibling = new RegExp(`^${base}\\.(partial|old|locktmp|lockstale)-(\\d+)-[0-9a-f]{12}$`);
  const tmpFile = new RegExp(`^\\.${base}\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
  const done: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = sibling.exec(name);
    const t = m ? undefined : tmpFile.exec(name);
    const pid = Number(m ? m[2] : t?.[1]);
    if ((!m && !t) || pidAlive(pid)) continue;
    const path = join(dir, name);
    if (m?.[1] === "old" && !(await exists(target))) {
      await rename(path, target);
      done.push(`restored ${name}`);
    } else {
      await rm(path, { recursive: true, force: true });
      done.push(`removed ${name}`);
    }
  }
  return done;
}
