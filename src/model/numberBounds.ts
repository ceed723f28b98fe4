/**
 * The numeric range a config schema allows at a dotted path ("model.plasticity.la.potentiation"):
 * its min, max and whether it must be an integer, read from the zod schema itself, so samples
 * and fits stay inside what the config accepts without a second copy of the limits.
 */
import { splitPath } from "./paths.js";

interface SchemaLike {
  shape?: Record<string, SchemaLike>;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  def?: { type?: string; innerType?: SchemaLike; in?: SchemaLike; element?: SchemaLike };
}

export interface NumberBounds {
  min: number;
  max: number;
  integer: boolean;
}

/** Strips defaults, optionals, pipes and descriptions down to the schema that checks values. */
function unwrap(schema: SchemaLike): SchemaLike {
  let s = schema;
  for (let i = 0; i < 10 && (s.def?.innerType || s.def?.in); i++)
    s = (s.def.innerType ?? s.def.in) as SchemaLike;
  return s;
}

/** The bounds at `path`, or undefined when the path does not lead to a number schema. */
export function numberBounds(schema: unknown, path: string): NumberBounds | undefined {
  if (schema === null || typeof schema !== "object") return undefined;
  let node = unwrap(schema as SchemaLike);
  for (const key of splitPath(path)) {
    if (typeof key === "number") {
      if (!node.def?.element) return undefined;
      node = unwrap(node.def.element);
    } else {
      const child = node.shape?.[key];
      if (!child) return undefined;
      node = unwrap(child);
    }
  }
  if (node.def?.type !== "number") return undefined;
  return {
    min: node.minValue ?? Number.NEGATIVE_INFINITY,
    max: node.maxValue ?? Number.POSITIVE_INFINITY,
    integer: node.isInt === true,
  };
}
