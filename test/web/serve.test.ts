/**
 * `shoulda serve`'s file server: MIME types, 404s, methods, and that no request, however
 * encoded, reads a file outside the root; it listens on loopback unless told otherwise.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  allowedHosts,
  CONTENT_SECURITY_POLICY,
  lookup,
  mimeType,
  type RunningServer,
  serveCommand,
  startServer,
  WORKER_CONTENT_SECURITY_POLICY,
} from "../../src/cli/serve.js";

const SECRET = "TOP-SECRET-CONTENT-8f3a";

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One HTTP/1.1 request with the target sent byte for byte (no client-side normalisation). */
function raw(
  port: number,
  target: string,
  method = "GET",
  host = "127.0.0.1",
  hostHeader: string | null = `localhost:${port}`,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    const chunks: Buffer[] = [];
    socket.on("connect", () => {
      const hostLine = hostHeader === null ? "" : `Host: ${hostHeader}\r\n`;
      socket.write(`${method} ${target} HTTP/1.1\r\n${hostLine}Connection: close\r\n\r\n`);
    });
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head, ...rest] = text.split("\r\n\r\n");
      const [statusLine, ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(":");
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
  });
}

let base: string;
let root: string;
let server: RunningServer;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "shoulda-serve-"));
  root = join(base, "site");
  mkdirSync(join(root, "sub"), { recursive: true });
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), "<!doctype html><title>root index</title>");
  writeFileSync(join(root, "sub", "index.html"), "<!doctype html><title>sub index</title>");
  writeFileSync(join(root, "assets", "app.js"), "console.log(1)");
  writeFileSync(join(root, "assets", "app.css"), "body{}");
  writeFileSync(join(root, "plot.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  writeFileSync(join(root, "data.json"), "{}");
  writeFileSync(join(root, "blob.xyz"), "??");
  writeFileSync(join(root, "with space.txt"), "spaced");
  writeFileSync(join(base, "secret.txt"), SECRET);
  writeFileSync(join(base, "site-evil.txt"), SECRET);
  symlinkSync(join(base, "secret.txt"), join(root, "link.txt"));
  symlinkSync(base, join(root, "up"));
  server = await startServer({ root, port: 0 });
});

afterAll(async () => {
  await server?.close();
});

describe("shoulda serve", () => {
  it("listens on 127.0.0.1 by default", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("is not reachable on the machine's other addresses unless a host is given", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    if (!external) return; // a machine with loopback only: nothing else to reach
    await expect(raw(server.port, "/", "GET", external)).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    const open = await startServer({ root, port: 0, host: "0.0.0.0" });
    try {
      expect((await raw(open.port, "/", "GET", external)).status).toBe(200);
      // Bound to every interface: the machine's own addresses are valid Host names too.
      expect((await raw(open.port, "/", "GET", external, `${external}:${open.port}`)).status).toBe(
        200,
      );
      expect((await raw(open.port, "/", "GET", external, `evil.example:${open.port}`)).status).toBe(
        421,
      );
    } finally {
      await open.close();
    }
  });

  it("serves files with their MIME types, and folders as index.html", async () => {
    const cases: [string, string, string][] = [
      ["/", "text/html; charset=utf-8", "root index"],
      ["/index.html", "text/html; charset=utf-8", "root index"],
      ["/sub/", "text/html; charset=utf-8", "sub index"],
      ["/sub", "text/html; charset=utf-8", "sub index"],
      ["/assets/app.js?v=3", "text/javascript; charset=utf-8", "console.log"],
      ["/assets/app.css", "text/css; charset=utf-8", "body"],
      ["/plot.svg", "image/svg+xml", "<svg"],
      ["/data.json", "application/json; charset=utf-8", "{}"],
      ["/blob.xyz", "application/octet-stream", "??"],
      ["/with%20space.txt", "text/plain; charset=utf-8", "spaced"],
    ];
    for (const [target, type, content] of cases) {
      const r = await raw(server.port, target);
      expect(r.status, target).toBe(200);
      expect(r.headers["content-type"], target).toBe(type);
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.body, target).toContain(content);
    }
    expect(mimeType("x.wasm")).toBe("application/wasm");
  });

  it("answers 404 for missing files, 405 for other methods, and HEAD without a body", async () => {
    expect((await raw(server.port, "/nope.js")).status).toBe(404);
    expect((await raw(server.port, "/assets/nope/")).status).toBe(404);
    const post = await raw(server.port, "/", "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    const head = await raw(server.port, "/assets/app.js", "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe("14");
    expect(head.body).toBe("");
  });

  it("never serves a file outside its root, however the path is written", async () => {
    const secretAbs = join(base, "secret.txt");
    const attempts = [
      "/../secret.txt",
      "/../../../../../../etc/passwd",
      "/sub/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/..%2fsecret.txt",
      "/sub/%2e%2e/%2e%2e/secret.txt",
      "/%252e%252e/secret.txt",
      "/..%5csecret.txt",
      "/..\\secret.txt",
      "/%2e%2e%5csecret.txt",
      "//etc/passwd",
      "/%2fetc%2fpasswd",
      `/${secretAbs}`,
      `/${encodeURIComponent(secretAbs)}`,
      "/../site-evil.txt",
      "/link.txt",
      "/up/secret.txt",
      "/secret.txt%00.html",
      "/%c0%ae%c0%ae/secret.txt",
      "/%ZZ",
      "http://localhost/../secret.txt",
      "secret.txt",
      "*",
    ];
    for (const target of attempts) {
      const r = await raw(server.port, target);
      expect([400, 403, 404], target).toContain(r.status);
      expect(r.body, target).not.toContain(SECRET);
      expect(r.body, target).not.toContain("root:");
    }
  });

  it("rejects traversal before touching the file system", async () => {
    const real = server.root;
    expect((await lookup(real, "/../secret.txt")).status).toBe(403);
    expect((await lookup(real, "/%2e%2e/secret.txt")).status).toBe(403);
    expect((await lookup(real, "/%2e%2e%2f%2e%2e%2fsecret.txt")).status).toBe(403);
    expect((await lookup(real, "/a%00b")).status).toBe(403);
    expect((await lookup(real, "/%E0%A4%A")).status).toBe(400);
    expect((await lookup(real, "relative")).status).toBe(400);
    expect((await lookup(real, "/link.txt")).status).toBe(403);
    expect(await lookup(real, "/index.html")).toMatchObject({ status: 200 });
  });

  it("answers 421 to a Host header that is not this server (DNS rebinding)", async () => {
    const p = server.port;
    for (const host of [
      `evil.example:${p}`,
      `localhost.evil.example:${p}`,
      `127.0.0.1.nip.io:${p}`,
      `localhost:${p + 1}`,
      "localhost",
      `localhost:${p}@evil.example`,
      "",
    ]) {
      const r = await raw(p, "/", "GET", "127.0.0.1", host);
      expect(r.status, host).toBe(421);
      expect(r.body, host).not.toContain("root index");
    }
    // No Host at all: Node refuses an HTTP/1.1 request without one.
    expect([400, 421]).toContain((await raw(p, "/", "GET", "127.0.0.1", null)).status);
    for (const host of [`localhost:${p}`, `LOCALHOST:${p}`, `127.0.0.1:${p}`, `[::1]:${p}`]) {
      expect((await raw(p, "/", "GET", "127.0.0.1", host)).status, host).toBe(200);
    }
  });

  it("lists the Host names it answers", () => {
    expect([...allowedHosts("127.0.0.1", undefined, 8321)].sort()).toEqual(
      ["127.0.0.1:8321", "[::1]:8321", "localhost:8321"].sort(),
    );
    expect(allowedHosts("::1", "::1", 5)).toEqual(
      new Set(["localhost:5", "127.0.0.1:5", "[::1]:5"]),
    );
    expect(allowedHosts("192.168.1.9", "MyBox.local", 7).has("mybox.local:7")).toBe(true);
    expect(allowedHosts("127.0.0.1", undefined, 80).has("localhost")).toBe(true);
  });

  it("sends a Content-Security-Policy fit for the playground on every response", async () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self' 'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob:");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    const scriptSrc = CONTENT_SECURITY_POLICY.split("; ").find((d) => d.startsWith("script-src"));
    expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'"); // no inline scripts, no eval
    for (const target of ["/", "/index.html", "/plot.svg", "/nope.js", "/../secret.txt"]) {
      const r = await raw(server.port, target);
      expect(r.headers["content-security-policy"], target).toBe(CONTENT_SECURITY_POLICY);
    }
    // A script's own policy only governs it as a worker: the simulation worker's Vega and
    // d3-dsv compile expressions, so scripts also allow 'unsafe-eval'.
    const script = await raw(server.port, "/assets/app.js");
    expect(script.headers["content-security-policy"]).toBe(WORKER_CONTENT_SECURITY_POLICY);
    expect(WORKER_CONTENT_SECURITY_POLICY).toContain(
      "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'",
    );
    const misdirected = await raw(server.port, "/", "GET", "127.0.0.1", "evil.example");
    expect(misdirected.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
  });

  it("prints the note about listening on every interface on stderr, not stdout", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
    const error = vi
      .spyOn(console, "error")
      .mockImplementation((...a) => void err.push(a.join(" ")));
    // Keep the test runner's own SIGTERM handlers out of the way while the command stops.
    const others = process.listeners("SIGTERM");
    for (const l of others) process.off("SIGTERM", l);
    try {
      const done = serveCommand({ root, port: "0", host: "0.0.0.0", quiet: true });
      await vi.waitFor(() => expect(out.join("\n")).toMatch(/serving/));
      process.emit("SIGTERM");
      expect(await done).toBe(0);
    } finally {
      for (const l of others) process.on("SIGTERM", l);
      log.mockRestore();
      error.mockRestore();
    }
    expect(out.join("\n")).not.toMatch(/note:/);
    expect(err.join("\n")).toMatch(/note: listening on 0\.0\.0\.0, reachable from other machines/);
  });
});
