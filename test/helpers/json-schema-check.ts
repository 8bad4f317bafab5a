/**
 * A small structural check of a JSON value against a JSON Schema of the OpenAPI document
 * (types, enums, required and unknown properties, items, anyOf/oneOf/allOf, local `$ref`s):
 * enough to see an answer that disagrees with what the document declares.
 */

/** A JSON Schema node as the OpenAPI document writes it. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

/**
 * Where `value` disagrees with `schema` (`$refs` resolved in `doc`), one line each with its
 * JSON path (`$.items[0].hosts: not in the schema`); empty when it agrees.
 */
export function schemaProblems(doc: unknown, schema: JsonSchema, value: unknown, at = "$"): string[] {
  const node = schema.$ref
    ? (schema.$ref
        .split("/")
        .slice(1)
        .reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], doc) as JsonSchema)
    : schema;
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) {
    const fits = alternatives.some((alt) => schemaProblems(doc, alt, value, at).length === 0);
    return fits ? [] : [`${at}: matches none of the alternatives (${JSON.stringify(value)?.slice(0, 80)})`];
  }
  if (node.allOf) return node.allOf.flatMap((part) => schemaProblems(doc, part, value, at));
  const type = typeOf(value);
  if (node.type) {
    const allowed = Array.isArray(node.type) ? node.type : [node.type];
    if (!allowed.includes(type) && !(type === "integer" && allowed.includes("number")))
      return [`${at}: ${type}, declared ${allowed.join(" or ")}`];
  }
  if (node.enum && !node.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not in its enum`];
  if (node.const !== undefined && node.const !== value) return [`${at}: not its const`];
  const problems: string[] = [];
  if (type === "object" && (node.properties || node.additionalProperties !== undefined)) {
    const object = value as Record<string, unknown>;
    for (const name of node.required ?? []) if (!(name in object)) problems.push(`${at}.${name}: missing`);
    for (const [name, item] of Object.entries(object)) {
      const property = node.properties?.[name];
      if (property) problems.push(...schemaProblems(doc, property, item, `${at}.${name}`));
      else if (node.additionalProperties === false) problems.push(`${at}.${name}: not in the schema`);
      else if (typeof node.additionalProperties === "object")
        problems.push(...schemaProblems(doc, node.additionalProperties, item, `${at}.${name}`));
    }
  }
  if (type === "array" && node.items) {
    const items = node.items;
    (value as unknown[]).forEach((item, i) => {
      problems.push(...schemaProblems(doc, items, item, `${at}[${i}]`));
    });
  }
  return problems;
}
