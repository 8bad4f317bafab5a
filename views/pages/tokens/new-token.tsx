/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { Icon } from "../../components/icon.tsx";

/** A token just created, with its secret (shown this once, never stored). */
export interface CreatedToken {
  name: string;
  token: string;
}

/**
 * The secret of a token just created, highlighted, with a copy button (JavaScript) and
 * the plain advice to copy it now: Warden keeps only its hash and cannot show it again.
 */
export function NewTokenSecret({ view, created }: { view: ViewContext; created: CreatedToken }) {
  const { t } = view;
  const sprite = view.asset("vendor/icons.svg");
  return (
    <section class="secret-box" aria-labelledby="new-token-title" data-testid="new-token">
      <h2 id="new-token-title" class="secret-title">
        {t("tokens.created.title", { name: created.name })}
      </h2>
      <p>{t("tokens.created.once")}</p>
      <div class="secret-row" x-data="copyText">
        <code class="secret mono" id="new-token-secret" x-ref="source" data-testid="new-token-secret">
          {created.token}
        </code>
        <button type="button" class="button is-secondary is-small" hidden x-bind="copyButton">
          <Icon name="copy" sprite={sprite} />
          <span x-ref="label" data-done={t("tokens.created.copied")}>
            {t("tokens.created.copy")}
          </span>
        </button>
      </div>
      <p class="muted">{t("tokens.created.usage")}</p>
    </section>
  );
}
