/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import type { Language } from "../../src/lib/i18n.ts";

/** Props of {@link LanguageLinks}. */
export interface LanguageLinksProps {
  view: ViewContext;
  languages: readonly Language[];
  /** Query parameters the links keep (e.g. `next` on the sign-in page). */
  keep?: Record<string, string>;
}

/**
 * Links to this page in every shipped language, for people not signed in: each sets the
 * `warden_lang` cookie through `?lang=` (no script needed). The current language is not a link.
 */
export function LanguageLinks({ view, languages, keep = {} }: LanguageLinksProps) {
  if (languages.length < 2) return null;
  const href = (code: string) => {
    const kept = Object.entries(keep).filter(([, value]) => value !== "");
    return `${view.path}?${new URLSearchParams([...kept, ["lang", code]])}`;
  };
  return (
    <nav class="lang-links" aria-label={view.t("profile.language")} data-testid="language-links">
      {languages.map((language) =>
        language.code === view.locale ? (
          <span lang={language.code} aria-current="true">
            {language.name}
          </span>
        ) : (
          <a href={href(language.code)} lang={language.code} hreflang={language.code}>
            {language.name}
          </a>
        ),
      )}
    </nav>
  );
}
