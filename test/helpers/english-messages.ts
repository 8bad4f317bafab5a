import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Glob } from "bun";

/** A message written in English in a source file: its text with each `${…}` as `{}`. */
export interface WrittenMessage {
  file: string;
  /** The text with each placeholder as `{}`. */
  text: string;
  /** The text as written. */
  written: string;
}

const LITERAL = String.raw`("(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\]|\\.)*\`)`;

/** Where sources write messages a person may read: zod messages, error constructors, message constants. */
const PLACES = [
  // zod checks: .min(3, "…"), .regex(/…/, "…"), .refine((v) => …, "…")
  new RegExp(
    String.raw`\.(?:min|max|length|regex|refine|gte|lte|gt|lt|startsWith|endsWith|includes)\((?:[^()"\`]|\([^()]*\))*?,\s*` +
      LITERAL,
    "g",
  ),
  // { message: "…" } of zod issues and custom checks, { error: "…" } of zod 4 params
  new RegExp(String.raw`\b(?:message|error):\s*` + LITERAL, "g"),
  // zod checks taking only a message: .email("…"), .int("…")
  new RegExp(String.raw`\.(?:email|url|uuid|int|positive|nonnegative|nonempty)\(\s*` + LITERAL, "g"),
  // error details: new Conflict("…"), new NotFound(`…`)
  new RegExp(
    String.raw`new (?:Validation|Conflict|NotFound|Forbidden|BadRequest|Unauthorized|ServiceUnavailable)\(\s*` +
      LITERAL,
    "g",
  ),
  // field messages of a Validation: new Validation({ field: "…" })
  new RegExp(String.raw`new Validation\(\s*\{\s*[\w"]+:\s*` + LITERAL, "g"),
  // default details of error classes: constructor(detail = "…"), and unknown keys: () => "…"
  new RegExp(String.raw`(?:\bdetail =|\(\) =>)\s*` + LITERAL, "g"),
  // the message after a check written as a block or call: .refine((v) => { … }, "…")
  new RegExp(String.raw`[)}]\s*,\s*` + LITERAL + String.raw`\s*[),]`, "g"),
  // messages returned by checks: return "…";
  new RegExp(String.raw`return\s+` + LITERAL + String.raw`\s*;`, "g"),
];

/** Message constants (const BAD_LOGIN = "…";), outside the API's route files whose constants describe routes. */
const CONSTANT = new RegExp(String.raw`const [A-Z][A-Z0-9_]* =\s+` + LITERAL + String.raw`\s*;`, "g");

/** Any sentence literal (see {@link isSentence}, ending in a full stop) elsewhere than in the contexts below. */
const SENTENCE = new RegExp(LITERAL, "g");

/** What a sentence after these is: API documentation, a log line, a programming error. */
const NOT_A_MESSAGE =
  /(?:describe|summary|description|\.(?:info|warn|error|debug)|new Error)\(\s*$|(?:summary|description|help):\s*$/;

/**
 * Files whose sentences no page shows as a message: demo data, API descriptions, metric help,
 * migrations, the WebSocket protocol, and a risk's evidence explanations (texts of their own).
 */
const NO_MESSAGES =
  /(?:^src\/(?:cli|config|monitor|db|realtime)\/|\/evidence-[\w-]+\.ts$|^src\/config\.ts$|\/(?:demo|api|module|openapi|api-schemas)\.tsx?$)/;

/** A sentence a person reads (not a key, a path or a log event): capitalised, several words. */
function isSentence(text: string): boolean {
  return /^(?:[A-Z“]|\{\})/.test(text) && /\s/.test(text) && /[.)]$/.test(text);
}

/** The literal's text, `${…}` (of a template) and `{name}` (of a catalog entry) both as `{}`. */
export function messageShape(literal: string): string {
  return literal.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, "{}").replace(/\{\w+\}/g, "{}");
}

/**
 * Every English message the sources (outside the operator's CLI and config checks) write
 * where a person using the pages may read it.
 */
export function writtenMessages(root: string): WrittenMessage[] {
  const found: WrittenMessage[] = [];
  for (const file of new Glob("src/**/*.{ts,tsx}").scanSync(root)) {
    if (file.startsWith("src/cli/") || file.startsWith("src/config")) continue;
    const text = readFileSync(join(root, file), "utf8");
    const places = file.endsWith("/api.ts") ? PLACES : [...PLACES, CONSTANT];
    for (const place of NO_MESSAGES.test(file) ? places : [...places, SENTENCE]) {
      for (const m of text.matchAll(place)) {
        const literal = m[1] as string;
        const body = literal.slice(1, -1).replace(/\\([`"\\$])/g, "$1");
        const shape = messageShape(body);
        if (place === SENTENCE && (!shape.endsWith(".") || NOT_A_MESSAGE.test(text.slice(0, m.index))))
          continue;
        if (isSentence(shape)) found.push({ file, text: shape, written: body });
      }
    }
  }
  return found;
}
