/**
 * `shoulda serve`: a static file server for the built playground (web/dist), for offline use.
 *
 * Safety rules, in order, for every request:
 *  - the Host header must name this server: localhost, 127.0.0.1, [::1], the bound address
 *    (or the --host name given), or, when bound to every interface (0.0.0.0 / ::), one of this
 *    machine's interface addresses, each with the bound port; anything else is 421, so a web
 *    page whose DNS name was rebound to 127.0.0.1 cannot read the playground;
 *  - only GET and HEAD (405 otherwise);
 *  - the request target must be an origin-form path ("/…"); anything else is 400;
 *  - the path is percent-decoded once (malformed escapes: 400) and must not contain NUL,
 *    backslashes or a ".." segment, before or after decoding (403): no traversal, however encoded;
 *  - the file is looked up under the root, and its real path (symlinks resolved) must still lie
 *    inside the root's real path (403 otherwise); missing files are 404;
 *  - it binds to 127.0.0.1 unless a host is given, so nothing off the machine can reach it.
 * A folder serves its index.html. Responses carry a MIME type by extension, nosniff, a
 * Content-Security-Policy (scripts and workers from this server only, WebAssembly allowed,
 * inline styles for the charts, images from self/data:/blob:, no plugins, no framing), and the
 * cross-origin-isolation headers the playground uses to pause a busy simulation worker.
 */
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, isIPv6 } from "node:net";
import { networkInterfaces } from "node:os";
import { extname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../model/errors.js";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8321;

/** The built playground, next to dist/ in the package. */
export const PLAYGROUND_ROOT = fileURLToPath(new URL("../../web/dist", import.meta.url));

export const MIME_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

const POLICY = (script: string) =>
  [
    "default-src 'self'",
    `script-src ${script}`,
    // blob: for the wasm-threads helpers, which the simulation worker starts from a Blob URL.
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

/**
 * The policy of the playground's page (and of every other response): its own scripts and
 * workers (and Blob-URL workers), WebAssembly, inline styles on the SVG charts, images from itself, data: and blob:,
 * no string-to-code evaluation, no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = POLICY("'self' 'wasm-unsafe-eval'");

/**
 * The policy sent with JavaScript files. It only takes effect where the file runs as a worker
 * (a worker is governed by its script's own policy; a page's scripts by the page's): the
 * simulation worker builds its report plots with Vega and parses CSV with d3-dsv, which compile
 * expressions with `Function`, so it also allows 'unsafe-eval'. The worker has no DOM.
 */
export const WORKER_CONTENT_SECURITY_POLICY = POLICY("'self' 'wasm-unsafe-eval' 'unsafe-eval'");

const BASE_HEADERS = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-cache",
};

type Lookup = { status: 200; file: string; size: number } | { status: 400 | 403 | 404 };

const hasBadSegment = (path: string) =>
  path.includes("\0") || path.includes("\\") || path.split("/").some((s) => s === "..");

/**
 * Maps a raw request target to a file under `root` (an absolute, real path), applying the
 * rules in the module comment. Exported for tests.
 */
export async function lookup(root: string, target: string): Promise<Lookup> {
  const rawPath = target.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith("/")) return { status: 400 };
  if (hasBadSegment(rawPath)) return { status: 403 };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (hasBadSegment(path)) return { status: 403 };
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.some((s) => isAbsolute(s) || /^[A-Za-z]:/.test(s))) return { status: 403 };
  let candidate = join(root, ...segments);
  if (candidate !== root && !candidate.startsWith(root + sep)) return { status: 403 };
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(candidate);
    if (info.isDirectory()) {
      candidate = join(candidate, "index.html");
      info = await stat(candidate);
    }
  } catch {
    return { status: 404 };
  }
  if (!info.isFile()) return { status: 404 };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { status: 404 };
  }
  if (!real.startsWith(root + sep)) return { status: 403 };
  return { status: 200, file: real, size: info.size };
}

const REASON: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  421: "Misdirected Request",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
};

function sendError(res: ServerResponse, status: number, head: boolean): void {
  const body = `${status} ${REASON[status] ?? "Error"}\n`;
  res.writeHead(status, {
    ...BASE_HEADERS,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    ...(status === 405 ? { Allow: "GET, HEAD" } : {}),
  });
  res.end(head ? undefined : body);
}

export interface ServeOptions {
  /** Folder to serve (default: the built playground). */
  root?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** One line per request (method, path, status), e.g. console.log. */
  log?: (line: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  host: string;
  port: number;
  root: string;
  close(): Promise<void>;
}

const bracket = (host: string) => (isIPv6(host) ? `[${host}]` : host);

/**
 * The Host header values this server answers (lower case, with the port): loopback names, the
 * bound address, the host name it was asked to listen on, and, when bound to every interface,
 * each local interface address. Exported for tests.
 */
export function allowedHosts(
  bound: string,
  requested: string | undefined,
  port: number,
): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "[::1]", bracket(bound)]);
  if (requested) names.add(bracket(requested.replace(/^\[|\]$/g, "")));
  if (bound === "0.0.0.0" || bound === "::") {
    for (const list of Object.values(networkInterfaces()))
      for (const info of list ?? []) names.add(bracket(info.address));
  }
  // Clients leave out the port when it is HTTP's default.
  const forms = [...names].map((n) => n.toLowerCase());
  return new Set([...forms.map((n) => `${n}:${port}`), ...(port === 80 ? forms : [])]);
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const requested = resolve(options.root ?? PLAYGROUND_ROOT);
  let root: string;
  try {
    root = await realpath(requested);
    if (!(await stat(root)).isDirectory()) throw new Error("not a folder");
  } catch {
    const hint = options.root ? "" : " (build the playground first: npm run playground:build)";
    throw new ConfigError("--root", `cannot serve ${requested}: no such folder${hint}`);
  }
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;

  let hosts = new Set<string>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === "HEAD";
    if (!hosts.has((req.headers.host ?? "").toLowerCase())) {
      options.log?.(
        `${req.method} ${req.url} 421 (Host ${JSON.stringify(req.headers.host ?? "")})`,
      );
      return sendError(res, 421, head);
    }
    if (req.method !== "GET" && !head) return sendError(res, 405, head);
    const found = await lookup(root, req.url ?? "");
    options.log?.(`${req.method} ${req.url} ${found.status}`);
    if (found.status !== 200) return sendError(res, found.status, head);
    const type = mimeType(found.file);
    res.writeHead(200, {
      ...BASE_HEADERS,
      ...(type.startsWith("text/javascript")
        ? { "Content-Security-Policy": WORKER_CONTENT_SECURITY_POLICY }
        : {}),
      "Content-Type": type,
      "Content-Length": found.size,
    });
    if (head) return res.end();
    const stream = createReadStream(found.file);
    stream.on("error", () => res.destroy());
    stream.pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, req.method === "HEAD");
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const address = server.address() as AddressInfo;
  hosts = allowedHosts(address.address, options.host, address.port);
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}/`,
    host: address.address,
    port: address.port,
    root,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535)
    throw new ConfigError(
      "--port",
      `got ${JSON.stringify(text)}; allowed: an integer 0..65535 (0 = any free port)`,
    );
  return n;
}

export interface ServeCommandOptions {
  port?: string;
  host?: string;
  root?: string;
  quiet?: boolean;
}

/** `shoulda serve`: runs until interrupted (SIGINT/SIGTERM), then closes and returns 0. */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const port = parsePort(options.port);
  let running: RunningServer;
  try {
    running = await startServer({
      root: options.root,
      host: options.host,
      port,
      log: options.quiet ? undefined : (line) => console.error(line),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new ConfigError(
        "--port",
        `port ${port} is in use; pick another (or 0 for any free port)`,
      );
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new ConfigError("--host", `cannot listen on ${JSON.stringify(options.host)} (${code})`);
    throw e;
  }
  console.log(`serving ${running.root} at ${running.url} (Ctrl-C to stop)`);
  if (!["127.0.0.1", "::1"].includes(running.host) && !running.host.startsWith("127.")) {
    console.error(`note: listening on ${running.host}, reachable from other machines`);
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await running.close();
  return 0;
}
