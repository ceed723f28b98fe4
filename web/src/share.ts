/**
 * Shareable links: the playground's input (paradigm, changed fields, experiment text) in the
 * URL hash as `#c=z.<base64url(deflate-raw(JSON))>`, or `#c=j.<base64url(JSON)>` where the
 * browser has no CompressionStream. Decoding accepts both.
 */
import type { PlaygroundInput } from "./messages.js";

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export async function encodeInput(input: PlaygroundInput): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(input));
  if (typeof CompressionStream === "function") {
    return `z.${toBase64Url(await pipe(bytes, new CompressionStream("deflate-raw")))}`;
  }
  return `j.${toBase64Url(bytes)}`;
}

export async function decodeInput(code: string): Promise<PlaygroundInput> {
  const [kind, data] = [code.slice(0, 2), code.slice(2)];
  let bytes = fromBase64Url(data);
  if (kind === "z.") bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
  else if (kind !== "j.") throw new Error("unknown link format");
  const value = JSON.parse(new TextDecoder().decode(bytes)) as PlaygroundInput;
  if (typeof value?.paradigm !== "string" || typeof value.set !== "object" || value.set === null) {
    throw new Error("the link does not hold a playground config");
  }
  return {
    paradigm: value.paradigm,
    set: value.set,
    experiment: typeof value.experiment === "string" ? value.experiment : undefined,
  };
}

/** The `c` parameter of a location hash ("#c=…"), if any. */
export function hashCode(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return params.get("c") ?? undefined;
}
