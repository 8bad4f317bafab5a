import type { ModuleDemo } from "../../kit/demo.ts";
import { newDocumentSchema } from "./input.ts";
import { createDocument } from "./service.ts";
import { changeDocumentStatus } from "./status.ts";

type DemoDocument = [
  title: string,
  category: string,
  frameworks: string[],
  acknowledge: boolean,
  steps: string[],
  content: string,
];

const DOCUMENTS: DemoDocument[] = [
  [
    "Information security policy",
    "policy",
    ["ISO 27001", "SOC 2"],
    true,
    ["in_review", "approved", "published"],
    "## Purpose\n\nProtect the **confidentiality**, integrity and availability of company information.\n\n- Lock your screen when you leave it.\n- Report incidents within 4 hours.",
  ],
  [
    "Incident response procedure",
    "procedure",
    ["NIST CSF"],
    false,
    ["in_review", "approved", "published"],
    "1. Open an incident in Warden.\n2. Triage within 30 minutes.\n3. Contain, eradicate, recover, close.",
  ],
  [
    "Password standard",
    "standard",
    ["ISO 27001"],
    true,
    ["in_review"],
    "At least 14 characters; a password manager for every account; MFA everywhere.",
  ],
  [
    "Business continuity plan",
    "plan",
    ["ISO 22301"],
    false,
    [],
    "Draft: recovery objectives per service, to be agreed with the owners.",
  ],
];

/** Documents in several states, owned by the demo manager. */
export const documentsDemo: ModuleDemo = {
  async seed({ db, actor, seeded }) {
    const svc = { db };
    for (const [title, category, frameworks, requiresAcknowledgment, steps, content] of DOCUMENTS) {
      const input = newDocumentSchema.parse({
        title,
        category,
        frameworks,
        requiresAcknowledgment,
        content,
        ownerId: seeded.people[0] ?? null,
      });
      const document = await createDocument(svc, actor, input);
      let version = document.version;
      for (const status of steps)
        version = (await changeDocumentStatus(svc, actor, document.id, { status: status as never, version }))
          .version;
    }
    return [`${DOCUMENTS.length} documents`];
  },
};
