/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { buttonClass } from "../../components/submit-button.tsx";

/** The recovery codes just made: shown this once, never again (only their hashes are kept). */
export function RecoveryCodes({ view, codes, next }: { view: ViewContext; codes: string[]; next: string }) {
  const { t } = view;
  return (
    <section class="auth-card is-wide recovery-codes" aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t("mfa.recovery.title")}</h1>
      <p class="auth-sub">{t("mfa.recovery.subtitle", { count: codes.length })}</p>
      <ol class="recovery-list mono" data-testid="recovery-codes">
        {codes.map((code) => (
          <li>{code}</li>
        ))}
      </ol>
      <p class="muted">{t("mfa.recovery.once")}</p>
      <a class={buttonClass("primary")} href={next} data-testid="recovery-continue">
        {t("mfa.recovery.continue")}
      </a>
    </section>
  );
}
