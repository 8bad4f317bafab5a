/**
 * The document pages: list (full and partial, filters in the URL, live rows fragment, the
 * pending acknowledgments box), the create form (422 keeps what was typed), the document
 * page (safe markdown, workflow buttons per role, versions, acknowledging and who has not),
 * editing against a row version (409 when someone else was first; title and text locked
 * past review), version and diff pages, delete/restore.
 */
import { describe, expect, test } from "bun:test";
import { withStatus } from "../helpers/answers.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import {
  createFromForm,
  expectEditRace,
  expectPagesDeleteRestore,
  expectStaleMove,
  mainOf,
  partialOf,
  postForm,
  postMove,
  refusedForm,
  refusedMove,
  rowsOf,
} from "./helpers.ts";

const t = useTestApp();

type Role = "admin" | "manager" | "analyst" | "viewer";

async function create(title: string, fields: Record<string, unknown> = {}) {
  return createdAs(t, "analyst", "/api/v1/documents", { title, category: "policy", ...fields });
}

async function move(id: string, steps: string[]) {
  for (const status of steps)
    expect((await t.as("admin", `/api/v1/documents/${id}/status`, jsonInit({ status }))).status).toBe(200);
}

const page = async (role: Role, path: string) => (await t.as(role, path)).text();

describe("/documents", () => {
  test("the list shows documents, sortable headers, export links and the new button for analysts only", async () => {
    const doc = await create("Page list policy", { frameworks: ["ISO 27001"] });
    const html = await page("analyst", "/documents");
    expectContains(html, [
      "<title>Documents · Warden</title>",
      "Page list policy",
      doc.documentId,
      "ISO 27001",
      'data-testid="new-document"',
      'href="/documents?sort=title"',
      'href="/documents?sort=documentId"',
      'href="/api/v1/documents/export?format=csv"',
      'data-live-topic="documents"',
      "documents-changed from:body",
    ]);
    expect(await page("viewer", "/documents")).not.toContain('data-testid="new-document"');
    expect(await partialOf(t, "viewer", "/documents", "Documents")).toContain("Page list policy");
  });

  test("filters come from the URL; a bad one is named beside its field; rows fragment for htmx", async () => {
    await create("Filter me document", { category: "plan", nextReviewAt: "2020-01-01" });
    const html = await page("viewer", "/documents?q=Filter+me&category=bogus");
    expectContains(html, ["Filter me document", 'aria-invalid="true"', 'data-testid="review-due"']);
    const export_ = await page("viewer", "/documents?q=Filter+me&reviewDue=true");
    expect(export_).toContain(
      'href="/api/v1/documents/export?q=Filter+me&amp;reviewDue=true&amp;format=csv"',
    );
    const fragment = await rowsOf(t, "/documents", "q=Filter+me&category=record");
    expect(fragment).toContain("No document matches these filters.");
  });
});

describe("creating from the form", () => {
  test("422 shows each problem beside its field and keeps what was typed; a good post opens the draft", async () => {
    const html = await refusedForm(
      t,
      "/documents",
      {
        title: "",
        category: "",
        frameworks: `ISO 27001, ${"x".repeat(41)}`,
        nextReviewAt: "2026-02-30",
        content: "kept **text**",
        requiresAcknowledgment: "on",
      },
      [
        "Enter a title.",
        "Choose a category",
        "Use at most 40 characters per framework.",
        "Enter a date as YYYY-MM-DD.",
        `value="ISO 27001, ${"x".repeat(41)}"`,
        "kept **text**",
      ],
    );
    expect(html).toMatch(/name="requiresAcknowledgment"[^>]*checked/);
    const { location, page: shown } = await createFromForm(t, "/documents", {
      title: "From the form",
      category: "standard",
      ownerId: t.users.manager.id,
      frameworks: "NIST CSF, SOC 2",
      nextReviewAt: "2031-05-01",
      content: "# Heading\n\nText.",
    });
    expect(shown).toContain("Draft created.");
    expect(shown).toMatch(/data-testid="document-id">STD-\d{3}</);
    expectContains(shown, ["<h1>Heading</h1>", "The manager", "SOC 2"]);
    expect((await postForm(t, "viewer", "/documents", { title: "x", category: "policy" })).status).toBe(403);
    expect((await t.as("viewer", "/documents/new")).status).toBe(403);
    expect((await t.as("viewer", `${location.split("?")[0]}/edit`)).status).toBe(403);
  });
});

describe("the document page", () => {
  test("markdown is rendered safely: no scripts, no event handlers, no javascript: links", async () => {
    const doc = await create("Unsafe markdown", {
      content: [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(2)">',
        "[click me](javascript:alert(3))",
        "![pic](javascript:alert(4))",
        '<a href="javascript:alert(5)">raw link</a>',
        "**bold**",
      ].join("\n\n"),
    });
    const html = mainOf(await page("viewer", `/documents/${doc.id}`));
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/src="javascript:/i);
    expect(html).not.toMatch(/<a href="javascript/i);
  });

  test("workflow buttons follow the role: analysts send to review, managers approve and publish", async () => {
    const doc = await create("Workflow page");
    const draft = await page("analyst", `/documents/${doc.id}`);
    expect(draft).toContain('data-testid="move-in_review"');
    expect(await page("viewer", `/documents/${doc.id}`)).not.toContain('data-testid="move-in_review"');
    await withStatus(postMove(t, "analyst", `/documents/${doc.id}/status`, "in_review", "1"), 303);
    expect(await page("analyst", `/documents/${doc.id}`)).not.toContain('data-testid="move-approved"');
    const review = await page("manager", `/documents/${doc.id}`);
    expectContains(review, ['data-testid="move-approved"', 'data-testid="move-draft"']);
    await postMove(t, "manager", `/documents/${doc.id}/status`, "approved", "2");
    const approved = await page("manager", `/documents/${doc.id}`);
    expectContains(approved, ['data-testid="move-published"', "Publish version 1 of “Workflow page”?"]);
    expect(await page("analyst", `/documents/${doc.id}`)).not.toContain('data-testid="move-published"');
    expect((await postMove(t, "analyst", `/documents/${doc.id}/status`, "published", "3")).status).toBe(403);
    await expectStaleMove(t, "manager", `/documents/${doc.id}/status`, "published", "2");
    expect(await refusedMove(t, "manager", `/documents/${doc.id}/status`, "archived", "3")).toContain(
      "A document in approved can move to published or draft",
    );
    const published = await postMove(t, "manager", `/documents/${doc.id}/status`, "published", "3");
    expect(published.headers.get("Location")).toBe(`/documents/${doc.id}?notice=published`);
    const after = await page("viewer", `/documents/${doc.id}`);
    expectContains(after, ['data-testid="version-1"', `href="/documents/${doc.id}/versions/1"`]);
  });

  test("acknowledging from the page; the table shows who has and who has not", async () => {
    const doc = await create("Ack page policy", { requiresAcknowledgment: true });
    const before = await page("viewer", `/documents/${doc.id}`);
    expect(before).not.toContain('data-testid="acknowledge"');
    expect(before).toContain("Acknowledgments are collected once the document is published.");
    await move(doc.id, ["in_review", "approved", "published"]);
    const list = await page("viewer", "/documents");
    expectContains(list, ['data-testid="pending-acknowledgments"', `href="/documents/${doc.id}"`]);
    expect(await page("viewer", `/documents/${doc.id}`)).toContain('data-testid="acknowledge"');
    const ack = await postForm(t, "viewer", `/documents/${doc.id}/acknowledge`, {});
    expect(ack.headers.get("Location")).toBe(`/documents/${doc.id}?notice=acknowledged`);
    const done = await page("viewer", `/documents/${doc.id}?notice=acknowledged`);
    expectContains(done, ["Acknowledged.", 'data-testid="acknowledged"']);
    expect(done).not.toContain('data-testid="acknowledge"');
    expect(done).toContain("1 of 4 active users acknowledged.");
    const row = (id: string) => new RegExp(`data-testid="ack-${id}">[\\s\\S]*?</tr>`).exec(done)?.[0] ?? "";
    expect(row(t.users.viewer.id)).toContain("Acknowledged");
    for (const role of ["admin", "manager", "analyst"] as const)
      expect(row(t.users[role].id)).toContain("Pending");
    const pendingBox = async (role: Role) =>
      /data-testid="pending-acknowledgments"[\s\S]*?<\/section>/.exec(await page(role, "/documents"))?.[0] ??
      "";
    expect(await pendingBox("viewer")).not.toContain(`href="/documents/${doc.id}"`);
    expect(await pendingBox("analyst")).toContain(`href="/documents/${doc.id}"`);
  });

  test("editing against an old row version keeps the typed values and says why (409); past review the text is locked", async () => {
    const doc = await create("Edit race doc");
    const path = `/documents/${doc.id}/edit`;
    const typed = { title: "My new title", frameworks: "B", content: "typed" };
    const form = await expectEditRace(
      t,
      { api: `/api/v1/documents/${doc.id}`, path, change: { frameworks: ["A"] } },
      typed,
      "My new title",
    );
    expect(form).toContain('value="A"');
    await withStatus(
      postForm(t, "manager", path, { ...typed, version: "2", frameworks: "B, C", ownerId: "" }),
      303,
    );
    const shown = await page("viewer", `/documents/${doc.id}`);
    expectContains(shown, ["My new title", "No owner"]);

    await move(doc.id, ["in_review", "approved"]);
    const locked = await page("analyst", `/documents/${doc.id}/edit`);
    expect(locked).toContain('data-testid="content-locked"');
    expect(locked).not.toContain('name="title"');
    await withStatus(
      postForm(t, "analyst", `/documents/${doc.id}/edit`, {
        version: "5",
        frameworks: "B, C, D",
        nextReviewAt: "2032-01-01",
      }),
      303,
    );
    const updated = await (await t.as("viewer", `/api/v1/documents/${doc.id}`)).json();
    expect(updated).toMatchObject({ title: "My new title", content: "typed", frameworks: ["B", "C", "D"] });
  });

  test("version and diff pages: old text as published, added and removed lines marked", async () => {
    const doc = await create("Versioned doc", { content: "Alpha\nBeta\n" });
    await move(doc.id, ["in_review", "approved", "published", "in_review"]);
    await t.as(
      "analyst",
      `/api/v1/documents/${doc.id}`,
      jsonInit({ version: 5, content: "Alpha\nGamma\n" }, "PATCH"),
    );
    await move(doc.id, ["approved", "published"]);
    const v1 = await page("viewer", `/documents/${doc.id}/versions/1`);
    expectContains(v1, [
      "Version 1: Versioned doc",
      'data-testid="old-version"',
      "<p>Alpha\nBeta</p>",
      `href="/documents/${doc.id}/diff?from=1&amp;to=2"`,
    ]);
    const diff = await page("viewer", `/documents/${doc.id}/diff?from=1&to=2`);
    expectContains(diff, ["Changes from v1 to v2", "Lines added: 1 · removed: 1"]);
    expect(diff).toMatch(/<tr class="diff-removed">[\s\S]*?Beta<\/td>/);
    expect(diff).toMatch(/<tr class="diff-added">[\s\S]*?Gamma<\/td>/);
    expect(diff).toMatch(/<tr class="diff-same">[\s\S]*?Alpha<\/td>/);
    expect(await page("viewer", `/documents/${doc.id}/diff`)).toContain("Changes from v1 to v2");
    expect((await t.as("viewer", `/documents/${doc.id}/versions/7`)).status).toBe(404);
    expect((await t.as("viewer", `/documents/${doc.id}/versions/x`)).status).toBe(404);
    const fresh = await create("Never published");
    expect((await t.as("viewer", `/documents/${fresh.id}/diff`)).status).toBe(404);
  });

  test("admins delete and restore from the pages; others get 403", async () => {
    const doc = await create("Delete from page doc");
    await expectPagesDeleteRestore(t, "/documents", doc.id, "manager");
  });
});
