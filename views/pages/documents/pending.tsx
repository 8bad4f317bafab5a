/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { PendingAcknowledgment } from "../../../src/modules/documents/acknowledgments.ts";
import { RelativeTime } from "../../components/relative-time.tsx";
import { PublishedVersion } from "./parts.tsx";

/**
 * "Pending acknowledgments": the documents the viewer still has to read and acknowledge,
 * each linking to its page (where the acknowledge button is). Nothing when there are none.
 */
export function PendingBox({ view, items }: { view: ViewContext; items: PendingAcknowledgment[] }) {
  const { t } = view;
  if (items.length === 0) return null;
  return (
    <section class="panel pending-box" aria-labelledby="pending-title" data-testid="pending-acknowledgments">
      <h2 id="pending-title">{t("documents.pending.title", { count: items.length })}</h2>
      <p class="muted panel-note">{t("documents.pending.intro")}</p>
      <ul class="pending-list">
        {items.map((d) => (
          <li>
            <span class="mono">{d.documentId}</span> <a href={`/documents/${d.id}`}>{d.title}</a>{" "}
            <span class="muted">
              <PublishedVersion
                view={view}
                version={d.publishedVersion}
                at={d.publishedAt ? <RelativeTime view={view} ms={d.publishedAt} /> : null}
              />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
