// Warden's browser behaviour. Loaded as a file (the CSP forbids inline scripts) before
// Alpine's CSP build, which only runs components registered here: no expressions are
// evaluated from attributes.
(() => {
  const YEAR = 60 * 60 * 24 * 365;

  function setCookie(name, value) {
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${YEAR}; SameSite=Lax${secure}`;
  }

  // The server formats times in the viewer's zone; tell it which one that is.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && !document.cookie.split("; ").includes(`warden_tz=${encodeURIComponent(zone)}`))
    setCookie("warden_tz", zone);

  document.addEventListener("alpine:init", () => {
    const Alpine = window.Alpine;

    Alpine.data("shell", () => ({
      navOpen: false,
      shellBindings: {
        "@keydown.escape.window"() {
          this.navOpen = false;
        },
        "@htmx:after:swap.window"() {
          this.navOpen = false;
        },
      },
      sidebarBindings: {
        ":class"() {
          return { "is-open": this.navOpen };
        },
      },
      scrimBindings: {
        ":class"() {
          return { "is-open": this.navOpen };
        },
        "@click"() {
          this.navOpen = false;
        },
      },
      navToggleBindings: {
        "@click"() {
          this.navOpen = !this.navOpen;
        },
        ":aria-expanded"() {
          return String(this.navOpen);
        },
      },
    }));

    Alpine.data("menu", () => ({
      menuBindings: {
        "@click.outside"() {
          this.$el.open = false;
        },
        "@keydown.escape"() {
          this.$el.open = false;
          this.$el.querySelector("summary")?.focus();
        },
      },
    }));

    Alpine.data("themeSwitch", () => ({
      choose(event) {
        const theme = event.target.value;
        setCookie("warden_theme", theme);
        if (theme === "system") delete document.documentElement.dataset.theme;
        else document.documentElement.dataset.theme = theme;
      },
    }));
  });
})();
