/**
 * A compiled JSON serializer for a response whose zod schema is known, for hot routes (the quick scan).
 *
 * The zod serializer of fastify-type-provider-zod first re-parses the whole answer with zod and then calls
 * JSON.stringify; for the quick scan's 30 kB plan that was about a fifth of the request's CPU (bench/README.md,
 * "HTTP benchmark"). fast-json-stringify (Fastify's own serializer) compiles the schema once into code that writes
 * exactly the schema's properties in the schema's order, which is also the order in which zod builds its output,
 * so the bytes stay the same (checked by src/http/fast-json.test.ts against the zod serializer). Properties outside
 * the schema are never written, as with zod. What is lost is zod's re-check of the values' ranges on the way out;
 * the route's own code produces them, and the tests compare both serializers on real answers.
 */
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * zod writes `.nullable()` as `anyOf: [X, { type: 'null' }]`; fast-json-stringify would try each branch at run time.
 * With X a single type, the same is `type: [X, 'null']`, which it compiles to one check.
 */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) out[k] = simplify(v);
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const [a, b] = anyOf as JsonSchema[];
    const other = b?.type === 'null' ? a : a?.type === 'null' ? b : undefined;
    if (other && typeof other.type === 'string' && Object.keys(out).length === 1) {
      return { ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}

/** The JSON schema fast-json-stringify compiles: zod's output side, draft-07, nullables folded. */
export function serializerSchema(schema: z.ZodType): JsonSchema {
  return simplify(z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' })) as JsonSchema;
}

export function compileFastJson(schema: z.ZodType): (data: unknown) => string {
  return fastJson(serializerSchema(schema) as unknown as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
}
