/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import { Icon } from "../components/icon.tsx";

const THEMES = ["system", "light", "dark"] as const;
const THEME_ICONS = { system: "monitor", light: "sun", dark: "moon" } as const;

/**
 * The header's user menu: who is signed in and as what, their notification preferences and API tokens, the theme,
 * the API reference and signing out. A <details> disclosure: it opens without
 * JavaScript; Alpine only adds closing on Escape and on a click outside.
 */
export function UserMenu({ view }: { view: ViewContext }) {
  const { t, user } = view;
  const sprite = view.asset("vendor/icons.svg");
  return (
    <details class="menu" x-data="menu" x-bind="menuBindings">
      <summary class="menu-trigger" aria-label={t("shell.userMenu")}>
        <Icon name="circle-user" sprite={sprite} />
        {user ? <span class="menu-trigger-name">{user.name}</span> : null}
      </summary>
      <div class="menu-panel">
        {user ? (
          <div class="menu-who">
            <span class="menu-who-name" data-testid="user-name">
              {user.name}
            </span>
            <span class="badge" data-testid="user-role">
              {t(`roles.${user.role}`)}
            </span>
          </div>
        ) : null}
        <a class="menu-item" href="/profile">
          <Icon name="circle-user" sprite={sprite} />
          {t("shell.profile")}
        </a>
        <a class="menu-item" href="/notifications/preferences">
          <Icon name="bell" sprite={sprite} />
          {t("shell.notificationPreferences")}
        </a>
        <a class="menu-item" href="/tokens">
          <Icon name="key-round" sprite={sprite} />
          {t("shell.apiTokens")}
        </a>
        <a class="menu-item" href="/api/docs" hx-boost="false">
          <Icon name="code-xml" sprite={sprite} />
          {t("nav.apiDocs")}
        </a>
        <fieldset class="theme-switch" x-data="themeSwitch">
          <legend>{t("shell.theme")}</legend>
          {THEMES.map((choice) => (
            <label>
              <input
                type="radio"
                name="theme"
                value={choice}
                checked={view.theme === choice}
                x-on:change="choose"
                data-testid={`theme-${choice}`}
              />
              <Icon name={THEME_ICONS[choice]} sprite={sprite} />
              <span>{t(`shell.theme.${choice}`)}</span>
            </label>
          ))}
        </fieldset>
        {/* A full page load: the sign-in page is its own document, not a region of this one. */}
        <form method="post" action="/logout" hx-boost="false" class="menu-signout">
          <button type="submit" class="menu-item" data-testid="sign-out">
            <Icon name="log-out" sprite={sprite} />
            {t("shell.signOut")}
          </button>
        </form>
        <p class="menu-foot muted">Warden {view.version}</p>
      </div>
    </details>
  );
}
