/** The documented parameters of a zod object schema: path → description, for `shoulda list`. */
interface SchemaLike {
  description?: string;
  shape?: Record<string, SchemaLike>;
  def?: { innerType?: SchemaLike; in?: SchemaLike };
}

function unwrap(schema: SchemaLike): SchemaLike {
  let s = schema;
  for (let i = 0; i < 10 && !s.shape && (s.def?.innerType || s.def?.in); i++)
    s = (s.def.innerType ?? s.def.in) as SchemaLike;
  return s;
}

export function parameterDescriptions(schema: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (s: SchemaLike, path: string, description?: string) => {
    const inner = unwrap(s);
    if (inner.shape) {
      for (const [k, child] of Object.entries(inner.shape))
        walk(child, path ? `${path}.${k}` : k, child.description);
    } else {
      out.set(path, description ?? inner.description ?? "");
    }
  };
  walk(schema as SchemaLike, prefix);
  return out;
}
