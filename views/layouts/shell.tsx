/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { Icon } from "../components/icon.tsx";
import { DocumentHead, documentTitle, themeAttribute } from "./document-head.tsx";

/** Props of the page shell. */
export interface ShellProps {
  view: ViewContext;
  title: string;
  /** Render only what an htmx partial swap needs: title, main region, navigation (out of band). */
  partial?: boolean;
  children?: Child;
}

/**
 * The header's notification bell: a link to `/notifications`. The unread count comes
 * live from the event stream (public/js/app.js opens `notifications` on every page: its
 * first event is the count, then each new notification or read updates it); without
 * JavaScript the bell is a plain link. Once the count has arrived, the bell carries `data-counted`.
 */
function NotificationBell({ view }: { view: ViewContext }) {
  const { t } = view;
  return (
    <a
      class="icon-button bell"
      href="/notifications"
      data-bell=""
      data-testid="bell"
      aria-label={t("shell.notifications")}
      title={t("shell.notifications")}
      data-label={t("shell.notifications")}
      data-label-unread={t("shell.notificationsUnread", { count: "{count}" })}
    >
      <Icon name="bell" sprite={view.asset("vendor/icons.svg")} />
      <span class="bell-count num" data-unread="" data-testid="bell-count" hidden>
        0
      </span>
    </a>
  );
}

/**
 * The header's global search: a plain GET form to `/search` (works without JavaScript);
 * `/` or Ctrl-K (⌘K) focuses it from anywhere on the page (the shell's key bindings in
 * public/js/app.js look for `#global-search`).
 */
function SearchBox({ view }: { view: ViewContext }) {
  const { t } = view;
  return (
    <search class="global-search">
      <form action="/search" method="get">
        <label class="visually-hidden" for="global-search">
          {t("search.label")}
        </label>
        <Icon name="search" sprite={view.asset("vendor/icons.svg")} />
        <input
          type="search"
          id="global-search"
          name="q"
          value=""
          maxlength={200}
          autocomplete="off"
          placeholder={t("search.placeholder")}
          aria-keyshortcuts="/ Control+K"
          data-testid="global-search"
        />
        <span class="global-search-key" aria-hidden="true">
          /
        </span>
      </form>
    </search>
  );
}

/**
 * The main navigation, as the view context gives it (only what the viewer's role may
 * read); swapped out of band on partial navigations so the current entry follows.
 */
function Nav({ view, oob }: { view: ViewContext; oob?: boolean }) {
  const current = view.navCurrent;
  const sprite = view.asset("vendor/icons.svg");
  return (
    <nav id="nav" class="nav" aria-label={view.t("nav.label")} hx-swap-oob={oob ? "true" : undefined}>
      {view.nav.map((group) => (
        <div class="nav-group">
          <h2 class="nav-heading">{view.t(group.label)}</h2>
          <ul>
            {group.items.map((item) => (
              <li>
                {view.pages.has(item.href) ? (
                  <a
                    href={item.href}
                    class="nav-link"
                    aria-current={item.href === current ? "page" : undefined}
                    hx-boost={item.standalone ? "false" : undefined}
                  >
                    <Icon name={item.icon} sprite={sprite} />
                    <span>{view.t(item.label)}</span>
                  </a>
                ) : (
                  <span class="nav-link is-pending" aria-disabled="true" title={view.t("nav.pendingHint")}>
                    <Icon name={item.icon} sprite={sprite} />
                    <span>{view.t(item.label)}</span>
                    <span class="nav-soon">{view.t("nav.soon")}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

const THEMES = ["system", "light", "dark"] as const;
const THEME_ICONS = { system: "monitor", light: "sun", dark: "moon" } as const;

/**
 * The header's user menu: who is signed in and as what, their notification preferences and API tokens, the theme,
 * the API reference and signing out. A <details> disclosure: it opens without
 * JavaScript; Alpine only adds closing on Escape and on a click outside.
 */
function UserMenu({ view }: { view: ViewContext }) {
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

function Main({ children }: { children?: Child }) {
  return (
    <main id="main" class="main" tabindex={-1}>
      {children}
    </main>
  );
}

/**
 * The page shell of a signed-in viewer: sidebar navigation, header with host and user
 * menu, main region. Links and forms inside are boosted by htmx into partial swaps of
 * #main; without JavaScript every link and form still works as plain HTML.
 */
export function Shell({ view, title, partial, children }: ShellProps) {
  if (partial) {
    return (
      <>
        <title>{documentTitle(title)}</title>
        <Main>{children}</Main>
        <Nav view={view} oob />
      </>
    );
  }
  const sprite = view.asset("vendor/icons.svg");
  const { t } = view;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={view.locale} data-theme={themeAttribute(view)}>
        <DocumentHead view={view} title={documentTitle(title)} />
        <body
          hx-boost:inherited="true"
          hx-target:inherited="#main"
          hx-swap:inherited="outerHTML show:top"
          x-data="shell"
          x-bind="shellBindings"
        >
          <a class="skip-link" href="#main">
            {t("shell.skipToContent")}
          </a>
          <div class="app">
            <aside class="sidebar" id="sidebar" x-bind="sidebarBindings">
              <a class="brand" href="/">
                <img src={view.asset("img/favicon.svg")} alt="" width="24" height="24" />
                <span>Warden</span>
              </a>
              <Nav view={view} />
            </aside>
            <div class="scrim" x-bind="scrimBindings" />
            <div class="workspace">
              <header class="topbar">
                <button
                  type="button"
                  class="icon-button nav-toggle"
                  aria-controls="sidebar"
                  x-bind="navToggleBindings"
                  aria-expanded="false"
                >
                  <Icon name="menu" sprite={sprite} />
                  <span class="visually-hidden">{t("shell.openNavigation")}</span>
                </button>
                <div class="host" title={t("shell.hostTitle")}>
                  <span class="health-dot" aria-hidden="true" />
                  <span class="mono">{view.hostName}</span>
                  <span class="visually-hidden">{t("shell.healthy")}</span>
                </div>
                <SearchBox view={view} />
                <div class="topbar-spacer" />
                <span class="conn" data-conn="idle" role="status" aria-live="polite" hidden>
                  <span class="conn-dot" aria-hidden="true" />
                  <span
                    class="conn-label"
                    data-conn-live={t("shell.live")}
                    data-conn-reconnecting={t("shell.reconnecting")}
                    data-conn-offline={t("shell.offline")}
                  />
                </span>
                <NotificationBell view={view} />
                <UserMenu view={view} />
              </header>
              <Main>{children}</Main>
            </div>
          </div>
        </body>
      </html>
    </>
  );
}
