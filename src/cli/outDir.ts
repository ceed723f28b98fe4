/**
 * Up-front checks of `shoulda run --out <dir>`, so a bad output folder fails before the
 * simulation starts (exit 2, nothing written) rather than after it with a raw EEXIST/ENOENT.
 *
 * Allowed: a path that is not empty and not a filesystem root, that is an existing folder or
 * does not exist yet, whose nearest existing ancestor is a folder (not a file), and where this
 * process can create entries: in the folder itself if it exists, and in its parent (the run is
 * staged in a sibling `<dir>.partial-<hex>` folder, see io/atomic.ts). Writability is tested by
 * creating and removing a temporary folder, which is what the run will do.
 */
import { mkdtemp, rmdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../model/errors.js";

const ALLOWED =
  "allowed: a folder that exists or can be created, not a file, not the root folder, where files can be written";

/** "missing" also when a path above is a file (ENOTDIR): the ancestor walk then finds that file. */
async function kind(path: string): Promise<"dir" | "file" | "missing"> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw new ConfigError("--out", `cannot inspect ${path} (${code ?? String(e)}); ${ALLOWED}`);
  }
}

async function assertWritable(dir: string, out: string): Promise<void> {
  let probe: string;
  try {
    probe = await mkdtemp(join(dir, ".shoulda-write-check-"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new ConfigError(
      "--out",
      `got ${JSON.stringify(out)}: cannot write in ${dir} (${code}); ${ALLOWED}`,
    );
  }
  await rmdir(probe).catch(() => {});
}

/** Checks `out` (see the module comment); returns its absolute path. Throws ConfigError("--out"). */
export async function checkOutDir(out: string): Promise<string> {
  if (out.trim() === "") throw new ConfigError("--out", `got an empty path; ${ALLOWED}`);
  if (out.includes("\0")) throw new ConfigError("--out", `got a path with a NUL byte; ${ALLOWED}`);
  const abs = resolve(out);
  if (abs === dirname(abs))
    throw new ConfigError("--out", `got ${JSON.stringify(out)}, the root folder; ${ALLOWED}`);
  const self = await kind(abs);
  if (self === "file")
    throw new ConfigError("--out", `got ${JSON.stringify(out)}, an existing file; ${ALLOWED}`);
  // The nearest existing ancestor must be a folder: the run creates everything below it.
  let ancestor = dirname(abs);
  let state = await kind(ancestor);
  while (state === "missing" && ancestor !== dirname(ancestor)) {
    ancestor = dirname(ancestor);
    state = await kind(ancestor);
  }
  if (state !== "dir")
    throw new ConfigError(
      "--out",
      `got ${JSON.stringify(out)}, but ${ancestor} is a file, not a folder; ${ALLOWED}`,
    );
  if (self === "dir") await assertWritable(abs, out);
  await assertWritable(ancestor, out);
  return abs;
}
