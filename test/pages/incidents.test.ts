/**
 * The incident pages: list (full and partial, filters in the URL, live rows fragment),
 * the create form (422 keeps what was typed), the incident page with its workflow moves,
 * editing against a version (409 when someone else was first), comments, delete/restore.
 */
import { describe, expect, test } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createdAs, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import {
  createFromForm,
  expectEditRace,
  expectPagesDeleteRestore,
  expectStaleMove,
  partialOf,
  postForm,
  postMove,
  refusedForm,
  refusedMove,
  rowsOf,
} from "./helpers.ts";

const t = useTestApp();

async function open(title: string, fields: Record<string, unknown> = {}) {
  return createdAs(t, "analyst", "/api/v1/incidents", { title, severity: "high", ...fields });
}

describe("/incidents", () => {
  test("the list shows incidents, sortable headers and the new button for analysts only", async () => {
    await open("Page list one");
    const html = await (await t.as("analyst", "/incidents")).text();
    expectContains(html, [
      "<title>Incidents · Warden</title>",
      "Page list one",
      'data-testid="new-incident"',
      'href="/incidents?sort=title"',
      'data-live-topic="incidents"',
    ]);
    // Its stream starts where the page was rendered: the bus's newest event then (the incident just opened).
    const since = Number(html.match(/data-live-since="(\d+)"/)?.[1]);
    expect(since).toBeGreaterThan(0);
    expect(since).toBe(t.bus.lastId);
    expect(await (await t.as("viewer", "/incidents")).text()).not.toContain('data-testid="new-incident"');
    await partialOf(t, "viewer", "/incidents", "Incidents");
  });

  test("filters come from the URL; a bad one is named beside its field; rows fragment for htmx", async () => {
    await open("Filter me please", { severity: "low" });
    const html = await (await t.as("viewer", "/incidents?q=Filter+me&severity=bogus")).text();
    expectContains(html, ["Filter me please", 'aria-invalid="true"']);
    const fragment = await rowsOf(t, "/incidents", "q=Filter+me&severity=critical");
    expect(fragment).toContain("No incident matches these filters.");
  });
});

describe("creating from the form", () => {
  test("422 shows each problem and keeps what was typed; a good post redirects to the incident", async () => {
    await refusedForm(
      t,
      "/incidents",
      {
        title: "",
        severity: "",
        category: "dns",
        description: "kept **text**",
        detectedAt: "2026-13-01T10:00",
      },
      ["Enter a title.", "Choose a severity", "Enter a date and time.", 'value="dns"', "kept **text**"],
    );
    const { page } = await createFromForm(t, "/incidents", {
      title: "From the form",
      severity: "medium",
      detectedAt: "2026-11-20T08:15",
      description: "# Heading\n<script>alert(1)</script>",
    });
    expectContains(page, ["Incident opened.", "<h1>Heading</h1>"]);
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect((await postForm(t, "viewer", "/incidents", { title: "x", severity: "low" })).status).toBe(403);
  });
});

describe("the incident page", () => {
  test("workflow buttons move it; an outdated move is refused on the page with 409", async () => {
    const incident = await open("Workflow from the page");
    const page = await (await t.as("analyst", `/incidents/${incident.id}`)).text();
    expectContains(page, ['data-testid="move-triage"', 'data-testid="move-closed"']);
    expect(page).not.toContain('data-testid="move-recovery"');
    await withStatus(postMove(t, "analyst", `/incidents/${incident.id}/status`, "triage", "1"), 303);
    await expectStaleMove(t, "manager", `/incidents/${incident.id}/status`, "closed", "1");
    expect(await refusedMove(t, "analyst", `/incidents/${incident.id}/status`, "new", "2")).toContain(
      "An incident in triage can move to containment or closed",
    );
  });

  test("editing against an old version keeps the typed values and says why (409)", async () => {
    const incident = await open("Edit race");
    const path = `/incidents/${incident.id}/edit`;
    const typed = { title: "My new title", severity: "high", category: "second", detectedAt: "" };
    await expectEditRace(
      t,
      { api: `/api/v1/incidents/${incident.id}`, path, change: { category: "first" } },
      typed,
      "My new title",
    );
    await withStatus(
      postForm(t, "manager", path, {
        ...typed,
        version: "2",
        severity: "critical",
        assignedTo: t.users.analyst.id,
      }),
      303,
    );
    const after = await (await t.as("viewer", `/incidents/${incident.id}`)).text();
    expectContains(after, ["My new title", "Assigned to The analyst."]);
  });

  test("comments: empty is 422 beside the box; a good one joins the timeline rendered as markdown", async () => {
    const incident = await open("Comment here");
    expect(
      await textWithStatus(postForm(t, "analyst", `/incidents/${incident.id}/comments`, { body: " " }), 422),
    ).toContain("Write something.");
    await withStatus(
      postForm(t, "analyst", `/incidents/${incident.id}/comments`, {
        body: "Blocked **203.0.113.9**",
      }),
      303,
    );
    expect(await (await t.as("viewer", `/incidents/${incident.id}`)).text()).toContain(
      "Blocked <strong>203.0.113.9</strong>",
    );
  });

  test("admins delete and restore from the pages; others get 403", async () => {
    const incident = await open("Delete from page");
    await expectPagesDeleteRestore(t, "/incidents", incident.id, "analyst");
  });
});
