import { afterEach, describe, expect, test } from "bun:test";
import { textWithStatus } from "../helpers/answers.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { signIn } from "./helpers.ts";

let t: TestApp;
afterEach(() => t.close());

/** The admin, signed in with German chosen on the profile. */
async function germanAdmin() {
  const session = await signIn(t, "admin");
  await session.post("/profile", { displayName: "Ada Admin", locale: "de" });
  return session;
}

describe("messages of refused forms in the viewer's language", () => {
  test("a German viewer reads field errors and refusals in German; the API keeps English", async () => {
    t = await createTestApp();
    const admin = await germanAdmin();

    const incident = await textWithStatus(admin.post("/incidents", { title: "", severity: "high" }), 422);
    expectContains(incident, ["Geben Sie einen Titel ein."]);
    expect(incident).not.toContain("Enter a title.");

    const webhook = await textWithStatus(
      admin.post("/integrations/webhooks", { name: "SIEM", url: "gopher://x", secret: "short" }),
      422,
    );
    expectContains(webhook, [
      "Geben Sie eine http://- oder https://-Adresse ein.",
      "Wählen Sie mindestens ein Ereignis.",
    ]);
    expect(webhook).not.toContain("Choose at least one event.");
    // A link-local address: refused by webhooks.allowedTargets with a sentence built from the address.
    const linkLocal = {
      name: "M",
      url: "http://169.254.169.254/",
      secret: "whsec_0123456789abcdef",
      events: "incident.created",
    };
    const refused = await textWithStatus(admin.post("/integrations/webhooks", linkLocal), 422);
    expectContains(refused, ["Die Adresse 169.254.169.254 ist nicht in webhooks.allowedTargets"]);

    const lastAdmin = await textWithStatus(
      admin.post(`/users/${t.users.admin.id}/role`, { role: "viewer" }),
      409,
    );
    expectContains(lastAdmin, ["Dies ist der letzte aktive Administrator."]);

    const created = await t.as(
      "analyst",
      "/api/v1/documents",
      jsonInit({ title: "Policy", category: "policy" }),
    );
    const doc = (await created.json()) as { id: string };
    const acknowledged = await textWithStatus(admin.post(`/documents/${doc.id}/acknowledge`, {}), 409);
    expectContains(acknowledged, ["Dieses Dokument verlangt keine Bestätigung."]);

    const api = await t.as(
      "admin",
      "/api/v1/integrations/webhooks",
      jsonInit({ name: "SIEM", url: "gopher://x", secret: "whsec_page-test-secret-01", events: [] }),
    );
    expect(api.status).toBe(422);
    const problem = (await api.json()) as { errors: { message: string }[] };
    expect(problem.errors.map((e) => e.message)).toContain("Enter an http:// or https:// address.");
  });
});
