/** Deep merge of plain objects: `override` wins; arrays and non-objects are replaced whole. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override))
    return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = deepMerge(base[k], v);
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The input with each named section merged over its paradigm defaults (the user's values win),
 * for a paradigm whose sections default differently from the shared parameter schemas.
 */
export function withSectionDefaults(
  input: Record<string, unknown>,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  const given = isPlainObject(input) ? input : {};
  const out: Record<string, unknown> = { ...input };
  for (const [section, base] of Object.entries(defaults))
    out[section] = deepMerge(base, given[section]);
  return out;
}
