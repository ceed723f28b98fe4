/**
 * Up-front checks of an output path (`run --out`, `validate --report`, `validate --json`), so a
 * bad one fails before the simulation starts (exit 2, nothing written) rather than after it with
 * a raw EEXIST/ENOENT. Whether it exists already (refused without --force) and whether another
 * run is writing it are decided by io/atomic.ts when it takes the path's lock, also up front.
 *
 * Allowed: a path that is not empty and not a filesystem root, that is an existing folder or
 * does not exist yet, whose nearest existing ancestor is a folder (not a file), and where this
 * process can create entries: in the folder itself if it exists, and in its parent (the run is
 * staged in a sibling `<dir>.partial-<pid>-<hex>` folder, see io/atomic.ts). Writability is tested by
 * creating and removing a temporary folder, which is what the run will do.
 */
import { mkdtemp, rmdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../model/errors.js";

const ALLOWED =
  "allowed: a folder that exists or can be created, not a file, not the root folder, where files can be written";
const ALLOWED_FILE =
  "allowed: a file path that is not a folder, in a folder that exists or can be created, where files can be written";

/** "missing" also when a path above is a file (ENOTDIR): the ancestor walk then finds that file. */
async function kind(path: string, field: string): Promise<"dir" | "file" | "missing"> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw new ConfigError(field, `cannot inspect ${path} (${code ?? String(e)}); ${ALLOWED}`);
  }
}

async function assertWritable(dir: string, out: string, field: string, allowed: string) {
  let probe: string;
  try {
    probe = await mkdtemp(join(dir, ".shoulda-write-check-"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new ConfigError(
      field,
      `got ${JSON.stringify(out)}: cannot write in ${dir} (${code}); ${allowed}`,
    );
  }
  await rmdir(probe).catch(() => {});
}

/**
 * Checks `out` (see the module comment) as a folder, or as a file with `want: "file"`; returns its
 * absolute path. Throws ConfigError naming `field`.
 */
export async function checkOutDir(
  out: string,
  field = "--out",
  want: "folder" | "file" = "folder",
): Promise<string> {
  const allowed = want === "folder" ? ALLOWED : ALLOWED_FILE;
  const fail = (detail: string) => new ConfigError(field, `${detail}; ${allowed}`);
  if (out.trim() === "") throw fail("got an empty path");
  if (out.includes("\0")) throw fail("got a path with a NUL byte");
  const abs = resolve(out);
  if (abs === dirname(abs)) throw fail(`got ${JSON.stringify(out)}, the root folder`);
  const self = await kind(abs, field);
  if (self === "file" && want === "folder")
    throw fail(`got ${JSON.stringify(out)}, an existing file`);
  if (self === "dir" && want === "file")
    throw fail(`got ${JSON.stringify(out)}, an existing folder`);
  // The nearest existing ancestor must be a folder: the run creates everything below it.
  let ancestor = dirname(abs);
  let state = await kind(ancestor, field);
  while (state === "missing" && ancestor !== dirname(ancestor)) {
    ancestor = dirname(ancestor);
    state = await kind(ancestor, field);
  }
  if (state !== "dir")
    throw fail(`got ${JSON.stringify(out)}, but ${ancestor} is a file, not a folder`);
  if (self === "dir") await assertWritable(abs, out, field, allowed);
  await assertWritable(ancestor, out, field, allowed);
  return abs;
}
