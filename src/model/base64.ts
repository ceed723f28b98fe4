/**
 * Base64 of typed arrays' bytes, in Node (Buffer, fast) and in the browser (btoa/atob). Typed
 * without Node's types: the playground compiles the modules that use it.
 */
interface NodeBufferLike {
  from(
    data: Uint8Array | string,
    encoding?: string,
  ): Uint8Array & { toString(enc: string): string };
}
const NodeBuffer = (globalThis as unknown as { Buffer?: NodeBufferLike }).Buffer;

type Typed = Float32Array | Float64Array | Int32Array | Uint8Array;

export const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function toBase64(a: Typed): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (NodeBuffer) return NodeBuffer.from(bytes).toString("base64");
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** The bytes of a base64 text (checked by the caller with {@link BASE64}). */
export function bytesOfBase64(text: string): Uint8Array {
  return NodeBuffer
    ? NodeBuffer.from(text, "base64")
    : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
