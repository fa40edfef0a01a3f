import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries from the shared zod schemas: `valid(schema)` yields values the schema
 * accepts (so a fuzz run reaches past validation into the handlers), `nearValid(schema)` yields
 * values one mutation away (a field dropped, replaced by a hostile value, or an extra field added),
 * which exercise the refusal paths. Only the zod kinds the contract uses are handled; an unknown
 * kind fails loudly so a new schema shape cannot silently go unfuzzed.
 */
export function valid(schema: z.ZodTypeAny): fc.Arbitrary<unknown> {
  return arbitraryOf(schema).filter((v) => schema.safeParse(v).success);
}

/** Values that are hostile in JSON wherever a value may stand. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    -1,
    0,
    -0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 64,
    0.5,
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "' OR '1'='1",
    '𝕏👩‍👩‍👧‍👦\u202e\ufeff',
    'é'.normalize('NFD').repeat(40),
    'x'.repeat(5000),
    '__proto__',
    'constructor',
    { __proto__: { admin: true } },
    [],
    {},
    [[[[[]]]]],
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
);

export function nearValid(schema: z.ZodTypeAny): fc.Arbitrary<unknown> {
  return fc.tuple(valid(schema), fc.nat(), hostileValue, fc.constantFrom('drop', 'replace', 'extra', 'whole')).map(([value, pick, hostile, how]) => {
    if (how === 'whole' || value === null || typeof value !== 'object' || Array.isArray(value)) return hostile;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys.length ? keys[pick % keys.length] : 'x';
    if (how === 'drop') delete copy[key];
    else if (how === 'replace') copy[key] = hostile;
    else copy[`extra${pick % 3}`] = hostile;
    return copy;
  });
}

function arbitraryOf(schema: z.ZodTypeAny): fc.Arbitrary<unknown> {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind } & Record<string, any>;
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodString:
      return stringOf(def.checks as Array<{ kind: string; value?: number; regex?: RegExp }>);
    case z.ZodFirstPartyTypeKind.ZodNumber:
      return numberOf(def.checks as Array<{ kind: string; value?: number; inclusive?: boolean }>);
    case z.ZodFirstPartyTypeKind.ZodBoolean:
      return fc.boolean();
    case z.ZodFirstPartyTypeKind.ZodLiteral:
      return fc.constant(def.value);
    case z.ZodFirstPartyTypeKind.ZodEnum:
      return fc.constantFrom(...(def.values as unknown[]));
    case z.ZodFirstPartyTypeKind.ZodNativeEnum:
      return fc.constantFrom(...Object.values(def.values as object));
    case z.ZodFirstPartyTypeKind.ZodOptional:
      return fc.option(arbitraryOf(def.innerType), { nil: undefined });
    case z.ZodFirstPartyTypeKind.ZodNullable:
      return fc.option(arbitraryOf(def.innerType), { nil: null });
    case z.ZodFirstPartyTypeKind.ZodDefault:
      return fc.option(arbitraryOf(def.innerType), { nil: undefined });
    case z.ZodFirstPartyTypeKind.ZodEffects:
      // refine / transform: generate the inner shape; valid() filters by the whole schema.
      return arbitraryOf(def.schema);
    case z.ZodFirstPartyTypeKind.ZodArray: {
      const min = def.exactLength?.value ?? def.minLength?.value ?? 0;
      const max = def.exactLength?.value ?? def.maxLength?.value ?? Math.max(min, 5);
      return fc.array(arbitraryOf(def.type), { minLength: min, maxLength: Math.min(max, min + 10) });
    }
    case z.ZodFirstPartyTypeKind.ZodObject: {
      const shape = (schema as z.ZodObject<z.ZodRawShape>).shape;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(shape)) record[key] = arbitraryOf(value as z.ZodTypeAny);
      // Optional keys are left out rather than sent as undefined (JSON drops them anyway).
      return fc.record(record).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    case z.ZodFirstPartyTypeKind.ZodRecord:
      return fc.dictionary(arbitraryOf(def.keyType) as fc.Arbitrary<string>, arbitraryOf(def.valueType), { minKeys: 0, maxKeys: 4 });
    case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
      return fc.oneof(...(def.options as z.ZodTypeAny[]).map(arbitraryOf));
    case z.ZodFirstPartyTypeKind.ZodUnion:
      return fc.oneof(...(def.options as z.ZodTypeAny[]).map(arbitraryOf));
    case z.ZodFirstPartyTypeKind.ZodUnknown:
    case z.ZodFirstPartyTypeKind.ZodAny:
      return fc.jsonValue();
    default:
      throw new Error(`zod-arbitrary: no arbitrary for ${def.typeName}; add it here`);
  }
}

function stringOf(checks: Array<{ kind: string; value?: number; regex?: RegExp }>): fc.Arbitrary<string> {
  let min = 0;
  let max = 64;
  let regex: RegExp | undefined;
  for (const c of checks) {
    if (c.kind === 'min') min = c.value!;
    else if (c.kind === 'max') max = c.value!;
    else if (c.kind === 'length') min = max = c.value!;
    else if (c.kind === 'regex') regex = c.regex;
  }
  if (regex) {
    const bounded = new RegExp(regex.source.replace(/^\^?/, '^').replace(/\$?$/, '$'), regex.flags.replace('g', ''));
    return fc.stringMatching(bounded).filter((s) => s.length >= min && s.length <= max);
  }
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, min + 40) });
}

function numberOf(checks: Array<{ kind: string; value?: number; inclusive?: boolean }>): fc.Arbitrary<number> {
  let min = -1e9;
  let max = 1e9;
  let int = false;
  for (const c of checks) {
    if (c.kind === 'min') min = c.inclusive === false ? c.value! + (int ? 1 : 1e-9) : c.value!;
    else if (c.kind === 'max') max = c.inclusive === false ? c.value! - (int ? 1 : 1e-9) : c.value!;
    else if (c.kind === 'int') int = true;
  }
  return int ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}
