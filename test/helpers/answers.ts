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
