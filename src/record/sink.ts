/**
 * An append-only NDJSON file written line by line as the run goes (a long run never holds its
 * traces in memory). Synchronous, so the simulation loop can write and checkpoint without
 * awaiting; `sync()` makes what was written durable and returns the byte length, which a
 * checkpoint keeps so that a resumed run can cut the file back to it (`resumeAt`).
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { ConfigError } from "../model/errors.js";
import type { LineSink } from "./recorder.js";

export class NdjsonSink implements LineSink {
  private readonly fd: number;
  private length: number;
  private pending = "";

  /** Creates `path`, or with `resumeAt` opens it and cuts it back to that many bytes. */
  constructor(
    readonly path: string,
    resumeAt?: number,
  ) {
    if (resumeAt === undefined) {
      this.fd = openSync(path, "w");
      this.length = 0;
      return;
    }
    try {
      this.fd = openSync(path, "r+");
    } catch (e) {
      throw new ConfigError(
        "checkpoint.recordingBytes",
        `is ${resumeAt}, but ${path} cannot be opened (${(e as NodeJS.ErrnoException).code}); allowed: the recording the checkpoint was saved with`,
      );
    }
    const size = fstatSync(this.fd).size;
    if (size < resumeAt) {
      closeSync(this.fd);
      throw new ConfigError(
        "checkpoint.recordingBytes",
        `is ${resumeAt}, but ${path} has only ${size} bytes; allowed: at most the file's size (the recording was cut or replaced)`,
      );
    }
    ftruncateSync(this.fd, resumeAt);
    this.length = resumeAt;
  }

  /** Appends one JSON object line; `raw` fields are inserted verbatim (pre-rendered arrays). */
  line(fields: Record<string, unknown>, raw: Record<string, string> = {}): void {
    let text = JSON.stringify(fields);
    const extra = Object.entries(raw)
      .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
      .join(",");
    if (extra) text = `${text.slice(0, -1)}${text.length > 2 ? "," : ""}${extra}}`;
    this.pending += `${text}\n`;
    if (this.pending.length > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pending === "") return;
    const bytes = Buffer.from(this.pending, "utf8");
    let done = 0;
    while (done < bytes.length)
      done += writeSync(this.fd, bytes, done, bytes.length - done, this.length + done);
    this.length += bytes.length;
    this.pending = "";
  }

  /** Writes what is pending and fsyncs; returns the file's length in bytes. */
  sync(): number {
    this.flush();
    fsyncSync(this.fd);
    return this.length;
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
