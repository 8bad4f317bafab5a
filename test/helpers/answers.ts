/**
 * Readers of an HTTP answer that first check its status, so a test says what it asked and
 * what must come back in one line: `await textWithStatus(postForm(…), 422)`.
 */
import { expect } from "bun:test";

/** Awaits `answer`, expects its status to be `status`, and hands the response back. */
export async function withStatus(answer: Response | Promise<Response>, status: number): Promise<Response> {
  const res = await answer;
  expect(res.status).toBe(status);
  return res;
}

/** Awaits `answer`, expects its status to be `status`, and reads its body as text. */
export async function textWithStatus(answer: Response | Promise<Response>, status: number): Promise<string> {
  return (await withStatus(answer, status)).text();
}

/** Awaits `answer`, expects a 422 problem, and reads the fields it names, sorted. */
export async function refusedFields(answer: Response | Promise<Response>): Promise<string[]> {
  const problem = (await (await withStatus(answer, 422)).json()) as { errors: { field: string }[] };
  return problem.errors.map((e) => e.field).sort();
}
