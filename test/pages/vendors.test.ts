/**
 * The vendor pages, all from the record kit: the form (422 keeps what was typed and says what
 * is wrong beside the field; 409 on a stale version), the page with its workflow buttons, a
 * move refused by the workflow shown on the page, the list with filters, and delete/restore.
 */
import { describe, expect, test } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { createFromForm, expectStaleEdit, formInit, HTMX_PARTIAL, postForm, postMove } from "./helpers.ts";

const t = useTestApp();

const fields = {
  name: "Contoso Mail",
  service: "E-mail",
  tier: "high",
  dataAccess: "personal",
  contact: "",
  description: "**Hosted** mail",
};

describe("/vendors", () => {
  test("record through the form, see it, move it, edit it; bad input and stale edits keep what was typed", async () => {
    expect((await t.as("viewer", "/vendors/new")).status).toBe(403);
    const bad = await textWithStatus(postForm(t, "analyst", "/vendors", { ...fields, tier: "" }), 422);
    expectContains(bad, ['value="Contoso Mail"', "Choose a criticality: low, medium, high, critical."]);

    const { location, page } = await createFromForm(t, "/vendors", fields);
    expectContains(page, ["Contoso Mail", "Proposed", "<strong>Hosted</strong> mail", "Personal data"]);
    expect(page).not.toContain('data-testid="move-active"');
    const id = location.split("/")[2]?.split("?")[0] as string;
    const asAnalyst = await textWithStatus(t.as("analyst", `/vendors/${id}`), 200);
    expectContains(asAnalyst, ["Make active", "Offboard", `action="/vendors/${id}/status"`]);

    await withStatus(postMove(t, "analyst", `/vendors/${id}/status`, "active", "1"), 303);
    const refused = await postMove(t, "analyst", `/vendors/${id}/status`, "proposed", "2");
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(
      "A vendor that is active can move to offboarded, not to proposed.",
    );

    await withStatus(
      postForm(t, "analyst", `/vendors/${id}/edit`, {
        ...fields,
        contact: "it@contoso.example",
        version: "2",
      }),
      303,
    );
    expect((await (await t.as("viewer", `/api/v1/vendors/${id}`)).json()).contact).toBe("it@contoso.example");
    await expectStaleEdit(
      postForm(t, "analyst", `/vendors/${id}/edit`, { ...fields, name: "Late", version: "2" }),
      "Late",
    );
  });

  test("the list filters by status and tier, refreshes for htmx, and admins delete and restore", async () => {
    await withStatus(
      postForm(t, "analyst", "/vendors", { ...fields, name: "Fabrikam Backup", tier: "critical" }),
      303,
    );
    const critical = await textWithStatus(t.as("viewer", "/vendors?tier=critical"), 200);
    expect(critical).toContain("Fabrikam Backup");
    expect(critical).not.toContain("Contoso Mail");
    expect(
      await (await t.as("viewer", "/vendors?status=offboarded", { headers: HTMX_PARTIAL })).text(),
    ).toContain("No vendor matches these filters.");
    const id = /href="\/vendors\/([\w-]+)"[^>]*>Fabrikam Backup/.exec(critical)?.[1] as string;
    expect((await t.as("analyst", `/vendors/${id}/delete`, formInit({}))).status).toBe(403);
    expect((await t.as("admin", `/vendors/${id}/delete`, formInit({}))).headers.get("Location")).toBe(
      "/vendors?notice=deleted",
    );
    expect(await (await t.as("admin", "/vendors?deleted=only")).text()).toContain("Fabrikam Backup");
    expect((await t.as("admin", `/vendors/${id}/restore`, formInit({}))).status).toBe(303);
    expect(await (await t.as("viewer", "/vendors")).text()).toContain("Fabrikam Backup");
  });
});
