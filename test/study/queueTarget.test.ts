import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import { jobId, studyHash } from "../../src/study/queue/jobs.js";
import { parseQueueTarget, showUrl } from "../../src/study/queue/target.js";

describe("--queue and --queue-name", () => {
  it("accepts redis:// and rediss:// with a database number; the queue name defaults to shoulda", () => {
    expect(parseQueueTarget("redis://10.0.0.5:6379")).toEqual({
      url: "redis://10.0.0.5:6379",
      name: "shoulda",
    });
    expect(parseQueueTarget("rediss://:pw@host:6380/2", "gpu-pool").name).toBe("gpu-pool");
  });

  it("names the field and what is allowed for anything else", () => {
    for (const [url, name, field] of [
      ["localhost:6379", undefined, "--queue"],
      ["http://h:6379", undefined, "--queue"],
      ["redis://h:6379/queue", undefined, "--queue"],
      ["redis://h:6379", "", "--queue-name"],
      ["redis://h:6379", "a/b", "--queue-name"],
      ["redis://h:6379", "x".repeat(65), "--queue-name"],
    ] as const) {
      const err = (() => {
        try {
          parseQueueTarget(url, name);
        } catch (e) {
          return e;
        }
      })();
      expect(err, `${url} ${name}`).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(new RegExp(`^${field}: got .*; allowed: `));
    }
  });

  it("never prints a password", () => {
    expect(showUrl("redis://:secret@host:6379")).toBe("redis://:***@host:6379");
    expect(showUrl("redis://user:secret@host:6379/1")).toBe("redis://user:***@host:6379/1");
    expect(showUrl("redis://host:6379")).toBe("redis://host:6379");
  });

  it("job ids join a stable study hash and the run id", () => {
    const a = studyHash('{"paradigm":"fear"}');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(studyHash('{"paradigm":"fear"}')).toBe(a);
    expect(studyHash('{"paradigm":"eyeblink"}')).not.toBe(a);
    expect(jobId(a, "c2-seed3")).toBe(`${a}-c2-seed3`);
  });
});
