/**
 * The documents API: ids per category without gaps or duplicates (also under 100 concurrent
 * creations), create/read/list/export, 422 per field, roles (approve and publish only for
 * managers and admins), the workflow and its 409s, published versions and their diff,
 * acknowledgments (pending list, who has and who has not), optimistic concurrency, soft
 * delete and restore, and live events.
 */
import { describe, expect, test } from "bun:test";
import { systemActor } from "../../src/kit/actor.ts";
import { documentSequences } from "../../src/modules/documents/schema.ts";
import { createDocument } from "../../src/modules/documents/service.ts";
import { refusedFields } from "../helpers/answers.ts";
import { createdAs, createTestApp, jsonInit, useTestApp } from "../helpers/app.ts";
import { recordEvents } from "../helpers/bus-events.ts";
import * as records from "../helpers/record-api.ts";

const t = useTestApp();

type Role = "admin" | "manager" | "analyst" | "viewer";
const api = records.collectionApi(t, "/api/v1/documents");

async function create(fields: Record<string, unknown> = {}, role: Role = "analyst") {
  return createdAs(t, role, "/api/v1/documents", {
    title: "Acceptable use",
    category: "guideline",
    ...fields,
  });
}

/** Moves a document through `steps` as `role`, each against the version it has now. */
async function move(id: string, steps: string[], role: Role = "admin") {
  let doc: { version: number; status: string; publishedVersion: number } | undefined;
  for (const status of steps) {
    const res = await api(role, `/${id}/status`, jsonInit({ status }));
    expect(res.status).toBe(200);
    doc = await res.json();
  }
  return doc;
}

const edit = async (id: string, fields: Record<string, unknown>, role: Role = "analyst") => {
  const current = await (await api("viewer", `/${id}`)).json();
  return api(role, `/${id}`, jsonInit({ version: current.version, ...fields }, "PATCH"));
};

const day = (offsetDays: number) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
};

describe("create and read", () => {
  test("201 with Location and ETag; a draft with its id, the author as owner, defaults filled", async () => {
    const created = await records.expectCreated(api, {
      title: "  Information security policy ",
      category: "policy",
      frameworks: ["ISO 27001", " SOC 2 ", "ISO 27001"],
      nextReviewAt: "2030-01-15",
      content: "# Scope\n\nEveryone.",
    });
    expect(created).toMatchObject({
      documentId: "POL-001",
      title: "Information security policy",
      category: "policy",
      status: "draft",
      owner: { id: t.users.analyst.id, name: "The analyst" },
      createdBy: { id: t.users.analyst.id },
      frameworks: ["ISO 27001", "SOC 2"],
      nextReviewAt: Date.UTC(2030, 0, 15),
      reviewDue: false,
      requiresAcknowledgment: false,
      publishedVersion: 0,
      publishedAt: null,
      version: 1,
      deletedAt: null,
    });
    const read = await api("viewer", `/${created.id}`);
    expect(read.headers.get("ETag")).toBe('"1"');
    expect((await read.json()).content).toBe("# Scope\n\nEveryone.");
  });

  test("each category numbers on its own: PRC-001, STD-001, GDL-…, PLN-001, REC-001", async () => {
    const ids: string[] = [];
    for (const category of ["procedure", "standard", "plan", "record", "procedure"])
      ids.push((await create({ category })).documentId);
    expect(ids).toEqual(["PRC-001", "STD-001", "PLN-001", "REC-001", "PRC-002"]);
  });

  test("POL-1000 follows POL-999, and sorting by documentId knows it", async () => {
    const app = await createTestApp();
    try {
      await app.database.db.insert(documentSequences).values({ category: "policy", last: 998 });
      const made: string[] = [];
      for (const title of ["nine nine nine", "one thousand"]) {
        const res = await app.as("analyst", "/api/v1/documents", jsonInit({ title, category: "policy" }));
        made.push((await res.json()).documentId);
      }
      expect(made).toEqual(["POL-999", "POL-1000"]);
      const list = await (await app.as("viewer", "/api/v1/documents?sort=documentId")).json();
      expect(list.items.map((d: { documentId: string }) => d.documentId)).toEqual(["POL-999", "POL-1000"]);
    } finally {
      app.close();
    }
  });

  test("422 names every bad field and stores nothing", async () => {
    const before = (await (await api("viewer", "?pageSize=1")).json()).total;
    const res = await api(
      "analyst",
      "",
      jsonInit({
        title: "",
        category: "memo",
        frameworks: ["x".repeat(41)],
        nextReviewAt: "2026-02-30",
        requiresAcknowledgment: "yes",
        content: "x".repeat(100_001),
      }),
    );
    expect(res.status).toBe(422);
    const errors = (await res.json()).errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field).sort()).toEqual([
      "category",
      "content",
      "frameworks.0",
      "nextReviewAt",
      "requiresAcknowledgment",
      "title",
    ]);
    expect(errors.find((e) => e.field === "frameworks.0")?.message).toBe(
      "Use at most 40 characters per framework.",
    );
    const tooMany = await api(
      "analyst",
      "",
      jsonInit({ title: "x", category: "policy", frameworks: Array.from({ length: 21 }, (_, i) => `F${i}`) }),
    );
    expect((await tooMany.json()).errors).toEqual([
      expect.objectContaining({ field: "frameworks", message: "List at most 20 frameworks." }),
    ]);
    const owner = await api("analyst", "", jsonInit({ title: "x", category: "policy", ownerId: "nobody" }));
    expect(owner.status).toBe(422);
    expect((await owner.json()).errors.map((e: { field: string }) => e.field)).toEqual(["ownerId"]);
    expect((await (await api("viewer", "?pageSize=1")).json()).total).toBe(before);
  });

  test("the review is due when its day is today or past; a date or Unix ms is accepted", async () => {
    const today = await create({ nextReviewAt: day(0) });
    const yesterday = await create({ nextReviewAt: Date.now() - 86_400_000 });
    const tomorrow = await create({ nextReviewAt: day(1) });
    const none = await create({});
    expect([today, yesterday, tomorrow, none].map((d) => d.reviewDue)).toEqual([true, true, false, false]);
  });

  test("unknown id: 404", async () => {
    expect((await api("viewer", "/nope")).status).toBe(404);
  });
});

describe("document ids under concurrency", () => {
  const blank = {
    ownerId: null,
    frameworks: [],
    nextReviewAt: null,
    content: "",
    requiresAcknowledgment: false,
  };

  test("100 concurrent creations in one category get exactly POL-001 … POL-100 (and 100 more POL-101 … POL-200)", async () => {
    const app = await createTestApp();
    try {
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          app.as("analyst", "/api/v1/documents", jsonInit({ title: `Concurrent ${i}`, category: "policy" })),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
      const ids = await Promise.all(responses.map(async (r) => (await r.json()).documentId as string));
      const expected = Array.from({ length: 100 }, (_, i) => `POL-${String(i + 1).padStart(3, "0")}`);
      expect([...ids].sort()).toEqual(expected);
      const stored = await app.database.client.execute("SELECT document_id FROM documents ORDER BY 1");
      expect(stored.rows.map((r) => r.document_id)).toEqual(expected);

      // Requests pass through async middleware, which spreads them out; 100 more straight into
      // the service, all started in the same tick, interleave as tightly as they can.
      const more = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          createDocument({ db: app.database.db }, systemActor(), {
            ...blank,
            title: `Tight ${i}`,
            category: "policy",
          }),
        ),
      );
      expect(more.map((d) => d.documentId).sort()).toEqual(
        Array.from({ length: 100 }, (_, i) => `POL-${String(i + 101).padStart(3, "0")}`),
      );
    } finally {
      app.close();
    }
  }, 60_000);

  test("concurrent creations across categories: each category counts 1…n on its own", async () => {
    const app = await createTestApp();
    try {
      const categories = ["procedure", "standard", "record"] as const;
      // Straight into the service, all started in the same tick: the harshest interleaving.
      const made = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          createDocument({ db: app.database.db }, systemActor(), {
            ...blank,
            title: `Mixed ${i}`,
            category: categories[i % 3] as (typeof categories)[number],
          }),
        ),
      );
      for (const [category, prefix] of [
        ["procedure", "PRC"],
        ["standard", "STD"],
        ["record", "REC"],
      ] as const) {
        const ids = made.filter((d) => d.category === category).map((d) => d.documentId);
        expect(ids.sort()).toEqual(
          Array.from({ length: 20 }, (_, i) => `${prefix}-${String(i + 1).padStart(3, "0")}`),
        );
      }
      const counters = await app.database.client.execute(
        "SELECT category, last FROM document_sequences ORDER BY category",
      );
      expect(counters.rows.map((r) => [r.category, r.last])).toEqual([
        ["procedure", 20],
        ["record", 20],
        ["standard", 20],
      ]);
    } finally {
      app.close();
    }
  }, 60_000);
});

describe("roles", () => {
  test("viewers read but cannot create, edit or move; only admins delete", async () => {
    const doc = await create();
    expect((await api("viewer", "", jsonInit({ title: "x", category: "policy" }))).status).toBe(403);
    expect((await api("viewer", `/${doc.id}`, jsonInit({ version: 1, title: "y" }, "PATCH"))).status).toBe(
      403,
    );
    expect((await api("viewer", `/${doc.id}/status`, jsonInit({ status: "in_review" }))).status).toBe(403);
    for (const role of ["viewer", "analyst", "manager"] as const)
      expect((await api(role, `/${doc.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await api("viewer", "?deleted=only")).status).toBe(403);
  });

  test("approving, publishing and archiving need a manager or an admin", async () => {
    const doc = await create();
    await move(doc.id, ["in_review"], "analyst");
    expect((await api("analyst", `/${doc.id}/status`, jsonInit({ status: "approved" }))).status).toBe(403);
    await move(doc.id, ["approved"], "manager");
    expect((await api("analyst", `/${doc.id}/status`, jsonInit({ status: "published" }))).status).toBe(403);
    await move(doc.id, ["published"], "manager");
    expect((await api("analyst", `/${doc.id}/status`, jsonInit({ status: "archived" }))).status).toBe(403);
    const archived = await move(doc.id, ["archived"], "admin");
    expect(archived?.status).toBe("archived");
    // Sending it back and reviving are ordinary edits.
    expect((await move(doc.id, ["draft"], "analyst"))?.status).toBe("draft");
  });
});

describe("workflow", () => {
  test("invalid moves are 409 and change nothing; an unknown status is 422", async () => {
    const doc = await create();
    const skip = await api("admin", `/${doc.id}/status`, jsonInit({ status: "published" }));
    expect(skip.status).toBe(409);
    expect((await skip.json()).detail).toBe("A document in draft can move to in_review, not to published.");
    await move(doc.id, ["in_review"]);
    expect((await api("admin", `/${doc.id}/status`, jsonInit({ status: "archived" }))).status).toBe(409);
    expect((await move(doc.id, ["draft", "in_review", "approved", "draft"]))?.status).toBe("draft");
    expect((await api("admin", `/${doc.id}/status`, jsonInit({ status: "final" }))).status).toBe(422);
    expect((await (await api("viewer", `/${doc.id}`)).json()).publishedVersion).toBe(0);
  });

  test("a move against an old row version is 409", async () => {
    const doc = await create();
    await edit(doc.id, { title: "Changed meanwhile" });
    const stale = await api("analyst", `/${doc.id}/status`, jsonInit({ status: "in_review", version: 1 }));
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toContain("changed by someone else");
  });

  test("title and text change only in draft or review; metadata any time; nothing while archived", async () => {
    const doc = await create({ content: "v1" });
    await move(doc.id, ["in_review"]);
    expect((await edit(doc.id, { content: "v1, reviewed" })).status).toBe(200);
    await move(doc.id, ["approved"]);
    const locked = await edit(doc.id, { content: "sneaky" });
    expect(locked.status).toBe(409);
    expect((await locked.json()).detail).toContain("only change while the document is a draft or in review");
    expect((await edit(doc.id, { frameworks: ["NIST CSF"], nextReviewAt: day(30) })).status).toBe(200);
    await move(doc.id, ["published", "archived"]);
    expect((await edit(doc.id, { frameworks: [] })).status).toBe(409);
    // An edit that changes nothing is no edit, whatever the state.
    expect((await edit(doc.id, { frameworks: ["NIST CSF"] })).status).toBe(200);
  });
});

describe("published versions", () => {
  test("each publish stores the next version; earlier ones stay readable; the diff shows the lines", async () => {
    const doc = await create({
      title: "Backup procedure",
      category: "procedure",
      content: "Daily.\nKeep 7.\n",
    });
    const first = await move(doc.id, ["in_review", "approved", "published"], "manager");
    expect(first).toMatchObject({ status: "published", publishedVersion: 1 });
    await move(doc.id, ["in_review"], "analyst");
    expect(
      (await edit(doc.id, { title: "Backup and restore", content: "Daily.\nKeep 30.\nTest monthly.\n" }))
        .status,
    ).toBe(200);
    const second = await move(doc.id, ["approved", "published"], "admin");
    expect(second?.publishedVersion).toBe(2);

    const versions = await (await api("viewer", `/${doc.id}/versions`)).json();
    expect(versions.items.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([
      [2, "Backup and restore"],
      [1, "Backup procedure"],
    ]);
    expect(versions.items[0].publishedBy).toEqual({ id: t.users.admin.id, name: "The admin" });
    expect(versions.items[1].publishedBy.id).toBe(t.users.manager.id);
    expect(versions.items[0].content).toBeUndefined();

    const v1 = await (await api("viewer", `/${doc.id}/versions/1`)).json();
    expect(v1).toMatchObject({ version: 1, title: "Backup procedure", content: "Daily.\nKeep 7.\n" });
    expect((await api("viewer", `/${doc.id}/versions/3`)).status).toBe(404);
    expect((await api("viewer", `/${doc.id}/versions/zero`)).status).toBe(422);

    const diff = await (await api("viewer", `/${doc.id}/diff?from=1&to=2`)).json();
    expect(diff).toMatchObject({
      from: 1,
      to: 2,
      title: { from: "Backup procedure", to: "Backup and restore" },
      added: 2,
      removed: 1,
    });
    expect(diff.lines.map((l: { kind: string; text: string }) => `${l.kind}:${l.text}`)).toEqual([
      "same:Daily.",
      "removed:Keep 7.",
      "added:Keep 30.",
      "added:Test monthly.",
    ]);
    expect((await api("viewer", `/${doc.id}/diff?from=1&to=9`)).status).toBe(404);
    expect((await api("viewer", `/${doc.id}/diff?from=1`)).status).toBe(422);
  });

  test("a document never published has no versions", async () => {
    const doc = await create();
    expect((await (await api("viewer", `/${doc.id}/versions`)).json()).items).toEqual([]);
  });

  test("two concurrent publishes of the same row version: one wins, one version is stored", async () => {
    const doc = await create();
    const approved = await move(doc.id, ["in_review", "approved"]);
    const results = await Promise.all(
      ["admin", "manager"].map((role) =>
        api(role as Role, `/${doc.id}/status`, jsonInit({ status: "published", version: approved?.version })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await (await api("viewer", `/${doc.id}/versions`)).json()).items).toHaveLength(1);
  });
});

describe("acknowledgments", () => {
  test("every active user must acknowledge each published version; pending lists and who has not", async () => {
    const doc = await create({
      title: `Acceptable use ${Date.now()}`,
      requiresAcknowledgment: true,
      content: "Be nice.",
    });
    const early = await api("viewer", `/${doc.id}/acknowledge`, jsonInit({}));
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toContain("not been published yet");
    const pendingIds = async (role: Role) =>
      ((await (await api(role, "/acknowledgments/pending")).json()).items as { id: string }[]).map(
        (d) => d.id,
      );
    expect(await pendingIds("viewer")).not.toContain(doc.id);

    await move(doc.id, ["in_review", "approved", "published"]);
    for (const role of ["viewer", "analyst", "manager", "admin"] as const)
      expect(await pendingIds(role)).toContain(doc.id);

    const ack = await api("viewer", `/${doc.id}/acknowledge`, jsonInit({}));
    expect(ack.status).toBe(200);
    const first = await ack.json();
    expect(first).toMatchObject({ documentUuid: doc.id, version: 1, userId: t.users.viewer.id });
    const again = await (await api("viewer", `/${doc.id}/acknowledge`, jsonInit({}))).json();
    expect(again).toEqual(first);
    expect(await pendingIds("viewer")).not.toContain(doc.id);
    expect(await pendingIds("analyst")).toContain(doc.id);

    const status = await (await api("analyst", `/${doc.id}/acknowledgments`)).json();
    expect(status).toMatchObject({
      requiresAcknowledgment: true,
      version: 1,
      open: true,
      acknowledged: 1,
      pending: 3,
    });
    const byName = Object.fromEntries(
      status.people.map((p: { name: string; acknowledgedAt: number | null }) => [p.name, p.acknowledgedAt]),
    );
    expect(byName["The viewer"]).toBe(first.acknowledgedAt);
    for (const name of ["The admin", "The analyst", "The manager"]) expect(byName[name]).toBeNull();
    // Pending people come first.
    expect(status.people.at(-1).name).toBe("The viewer");

    // A new version needs a new acknowledgment; the old one stays in the history.
    await move(doc.id, ["in_review"], "analyst");
    await edit(doc.id, { content: "Be very nice." });
    await move(doc.id, ["approved", "published"]);
    expect(await pendingIds("viewer")).toContain(doc.id);
    const after = await (await api("viewer", `/${doc.id}/acknowledgments`)).json();
    expect(after).toMatchObject({ version: 2, acknowledged: 0, pending: 4 });
    expect(after.people.find((p: { name: string }) => p.name === "The viewer")).toMatchObject({
      acknowledgedAt: null,
      lastAcknowledgedVersion: 1,
    });
    expect(after.history).toEqual([
      { userId: t.users.viewer.id, name: "The viewer", version: 1, acknowledgedAt: first.acknowledgedAt },
    ]);
    expect((await (await api("viewer", `/${doc.id}/acknowledge`, jsonInit({}))).json()).version).toBe(2);

    // Archived: nobody needs to acknowledge it any more.
    await move(doc.id, ["archived"]);
    expect(await pendingIds("analyst")).not.toContain(doc.id);
    expect((await api("analyst", `/${doc.id}/acknowledge`, jsonInit({}))).status).toBe(409);
  });

  test("a document that asks for no acknowledgment refuses one (409)", async () => {
    const doc = await create();
    await move(doc.id, ["in_review", "approved", "published"]);
    const res = await api("viewer", `/${doc.id}/acknowledge`, jsonInit({}));
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toBe("This document does not ask for acknowledgment.");
  });

  test("acknowledgments are audited once", async () => {
    const doc = await create({ requiresAcknowledgment: true });
    await move(doc.id, ["in_review", "approved", "published"]);
    await api("analyst", `/${doc.id}/acknowledge`, jsonInit({}));
    await api("analyst", `/${doc.id}/acknowledge`, jsonInit({}));
    const audit = await (await t.as("admin", `/api/v1/audit?resourceId=${doc.id}`)).json();
    expect(audit.items.filter((e: { action: string }) => e.action === "document.acknowledge")).toHaveLength(
      1,
    );
  });
});

describe("editing with optimistic concurrency", () => {
  test("a write against the current version bumps it; a stale one is 409 and changes nothing", async () => {
    const doc = await create();
    await records.expectStaleWriteRefused(api, doc.id, { title: "Renamed" }, "title");
  });

  test("If-Match carries the version; without any version the answer is 428; 422 per field", async () => {
    const doc = await create();
    const changes = { frameworks: ["SOC 2"], ownerId: t.users.manager.id };
    const { accepted } = await records.expectVersionInHeader(api, doc.id, changes, { title: "x" });
    expect(await accepted.json()).toMatchObject({
      frameworks: ["SOC 2"],
      owner: { id: t.users.manager.id },
    });
    const bad = await api(
      "analyst",
      `/${doc.id}`,
      jsonInit({ version: 2, title: " ", nextReviewAt: "soon", frameworks: "ISO" }, "PATCH"),
    );
    expect(await refusedFields(bad)).toEqual(["frameworks", "nextReviewAt", "title"]);
  });

  test("concurrent writes of the same version: exactly one wins", async () => {
    const doc = await create();
    const results = await Promise.all(
      ["A", "B", "C", "D"].map((title) =>
        api("analyst", `/${doc.id}`, jsonInit({ version: 1, title }, "PATCH")),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await (await api("viewer", `/${doc.id}`)).json()).version).toBe(2);
  });
});

describe("list", () => {
  test("filters (category, status, owner, reviewDue), full-text search, sort and pages", async () => {
    const tag = `kappa${Date.now()}`;
    await create({ title: `${tag} one`, category: "standard", nextReviewAt: day(-3) });
    await create({
      title: `${tag} two`,
      category: "standard",
      frameworks: ["NIST CSF"],
      ownerId: t.users.manager.id,
    });
    const three = await create({
      title: `${tag} three`,
      category: "plan",
      content: "call 555-0100",
      nextReviewAt: day(60),
    });
    await move(three.id, ["in_review"]);
    const list = (query: string) => records.listPage<{ title: string }>(api, query);
    const titles = async (query: string) => (await list(query)).items.map((i) => i.title);
    expect((await list(`q=${tag}`)).total).toBe(3);
    expect(await titles(`q=555-0100`)).toEqual([`${tag} three`]);
    expect(await titles(`q=${tag}&category=plan`)).toEqual([`${tag} three`]);
    expect(await titles(`q=${tag}&status=in_review`)).toEqual([`${tag} three`]);
    expect(await titles(`q=${tag}&owner=${t.users.manager.id}`)).toEqual([`${tag} two`]);
    expect(await titles(`q=${tag}&reviewDue=true`)).toEqual([`${tag} one`]);
    expect(await titles(`q=${tag}&reviewDue=false&sort=title`)).toEqual([`${tag} three`, `${tag} two`]);
    expect(await titles(`q=NIST CSF&sort=title`)).toContain(`${tag} two`);
    expect(await titles(`q=${tag}&sort=-category,title`)).toEqual([
      `${tag} three`,
      `${tag} one`,
      `${tag} two`,
    ]);
    expect(await titles(`q=${tag}&sort=nextReviewAt`)).toEqual([`${tag} one`, `${tag} three`, `${tag} two`]);
    await records.expectPage(api, `q=${tag}&sort=title&pageSize=2&page=2`, 3, [`${tag} two`]);
  });

  records.testQueriesRefused(api, "pageSize=201&sort=content&category=memo&status=done&reviewDue=maybe");
});

describe("delete and restore", () => {
  records.testDeleteAndRestore(t, {
    api,
    create,
    kind: "document",
    refusedRole: "manager",
    whileDeleted: async (id) => expect((await api("viewer", `/${id}/versions`)).status).toBe(404),
    kept: ["documentId"],
  });
});

describe("export", () => {
  test("CSV and JSON respect the filters; formula-looking cells are defused", async () => {
    const tag = `exp${Date.now()}`;
    await create({
      title: `=HYPERLINK("http://evil") ${tag}`,
      category: "record",
      frameworks: ["ISO 27001", "SOC 2"],
    });
    await create({ title: `${tag}, with "quotes"`, category: "policy", nextReviewAt: day(-1) });
    const { header, line } = await records.exportedRecord(api, "documents", `q=${tag}&category=record`);
    expect(header).toStartWith("document_id,title,category,status,owner,frameworks,next_review,review_due");
    expect(line).toMatch(
      /^REC-\d{3},"'=HYPERLINK\(""http:\/\/evil""\) exp\d+",record,draft,The analyst,ISO 27001; SOC 2,,false,/,
    );
    const json = await records.exportedJson(api, `q=${tag}&reviewDue=true`);
    expect(json.map((d: { title: string; reviewDue: boolean }) => [d.title, d.reviewDue])).toEqual([
      [`${tag}, with "quotes"`, true],
    ]);
  });
});

describe("live events and audit", () => {
  test("every change is published on the documents topic", async () => {
    const events = recordEvents(t.bus, "documents");
    const doc = await create({ requiresAcknowledgment: true });
    await edit(doc.id, { title: "Evented" });
    await move(doc.id, ["in_review", "approved", "published"]);
    await api("viewer", `/${doc.id}/acknowledge`, jsonInit({}));
    await api("admin", `/${doc.id}`, { method: "DELETE" });
    const seen = events.stopExpecting("document", [
      "created",
      "updated",
      "updated",
      "updated",
      "published",
      "acknowledged",
      "deleted",
    ]);
    expect(seen[0]?.data).toEqual({ id: doc.id, version: 1 });
    expect(seen[4]?.data).toEqual({ id: doc.id, version: 5, publishedVersion: 1 });
    expect(seen[5]?.data).toEqual({ id: doc.id, publishedVersion: 1, userId: t.users.viewer.id });
    const audit = await (await t.as("admin", `/api/v1/audit?resourceId=${doc.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      "document.acknowledge",
      "document.create",
      "document.delete",
      "document.publish",
      "document.status",
      "document.status",
      "document.update",
    ]);
  });
});
