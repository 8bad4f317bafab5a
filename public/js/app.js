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

  // Submit buttons show progress and take no second click while their request runs: the
  // pressed button is marked busy (CSS draws the spinner). A plain form post leaves the
  // page; an htmx one clears the mark when it ends (the form is usually swapped anyway),
  // and a page restored from the back/forward cache starts clean.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const button = event.submitter ?? form.querySelector("button[type=submit], button:not([type])");
    button?.setAttribute("aria-busy", "true");
  });
  const clearBusy = (root) => {
    for (const el of root.querySelectorAll("[aria-busy=true]")) el.removeAttribute("aria-busy");
  };
  document.addEventListener("htmx:finally:request", (event) => {
    if (event.target instanceof Element) clearBusy(event.target);
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) clearBusy(document);
  });

  // One EventSource per page: the `notifications` topic for the header's bell (its first
  // event is the unread count, then each new notification or read brings the new count),
  // plus the topic of a list that follows the live stream (an element with data-live-topic
  // and the event names in data-live-events): a burst of its events fires one
  // "<topic>-changed" on <body> (then at most one each 250 ms), which the list's rows listen
  // for (hx-trigger "from:body").
  let topicSource = null;
  let topicKey = "";
  let topicTimer = null;
  const showUnread = (event) => {
    const bell = document.querySelector("[data-bell]");
    const badge = bell?.querySelector("[data-unread]");
    if (!badge) return;
    const unread = Number(JSON.parse(event.data).unread) || 0;
    badge.textContent = unread > 99 ? "99+" : String(unread);
    badge.hidden = unread === 0;
    const label =
      unread === 0 ? bell.dataset.label : bell.dataset.labelUnread.replace("{count}", String(unread));
    bell.setAttribute("aria-label", label);
    bell.title = label;
    bell.dataset.counted = "true";
  };
  const followTopics = () => {
    const marker = document.querySelector("[data-live-topic]");
    const bell = document.querySelector("[data-bell]");
    const topics = [bell ? "notifications" : "", marker?.dataset.liveTopic ?? ""].filter(Boolean);
    const key = `${topics.join(",")}|${marker?.dataset.liveEvents ?? ""}`;
    if (key === topicKey) return;
    topicSource?.close();
    topicSource = null;
    topicKey = key;
    if (topics.length === 0) return;
    // "Counted" means this stream's count arrived (it is subscribed from then on): a page
    // swapped in by htmx keeps the header, so the mark of the stream just closed goes.
    if (bell) delete bell.dataset.counted;
    topicSource = new EventSource(`/events?topics=${encodeURIComponent(topics.join(","))}`);
    for (const name of ["notification.unread", "notification.created", "notification.read"])
      topicSource.addEventListener(name, showUnread);
    if (!marker) return;
    const topic = marker.dataset.liveTopic;
    for (const name of (marker.dataset.liveEvents || "").split(" ").filter(Boolean)) {
      // At most one refresh per 250 ms, even while events keep coming (a scan's progress
      // arrives four times a second: a timer restarted on each event would never fire).
      topicSource.addEventListener(name, () => {
        if (topicTimer !== null) return;
        topicTimer = setTimeout(() => {
          topicTimer = null;
          document.body.dispatchEvent(new CustomEvent(`${topic}-changed`));
        }, 250);
      });
    }
  };
  document.addEventListener("DOMContentLoaded", followTopics);
  document.addEventListener("htmx:after:swap", followTopics);
  window.addEventListener("pagehide", () => {
    topicSource?.close();
    topicSource = null;
    topicKey = "";
  });

  // Live tables refresh on a timer (an element with data-live-pause naming the table), but
  // hold still while the pointer or focus is on the table, a dialog is open or the tab is
  // hidden: rows never move under the user's hand.
  document.addEventListener("htmx:before:request", (event) => {
    const el = event.target;
    const selector = el instanceof Element ? el.getAttribute("data-live-pause") : null;
    if (!selector) return;
    const table = document.querySelector(selector);
    const busy = table?.matches(":hover, :focus-within") || document.querySelector("dialog[open]");
    if (document.hidden || busy) event.preventDefault();
  });

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
        // The header is not swapped on navigation: a link followed from the menu closes it.
        "@htmx:after:swap.window"() {
          this.$el.open = false;
        },
        "@keydown.escape"() {
          this.$el.open = false;
          this.$el.querySelector("summary")?.focus();
        },
      },
    }));

    // A destructive action behind a <dialog> (views/components/confirm-action.tsx): the
    // trigger opens it as a modal instead of posting or navigating; Cancel closes it. A
    // dialog the server rendered open (an error to show) becomes a modal too.
    Alpine.data("dialogForm", () => ({
      init() {
        const dialog = this.$refs.dialog;
        if (dialog?.open && !dialog.matches(":modal")) {
          dialog.close();
          dialog.showModal();
        }
      },
      opener: {
        "@click.prevent"() {
          this.$refs.dialog.showModal();
        },
      },
      closer: {
        "@click.prevent"() {
          this.$refs.dialog.close();
        },
      },
    }));

    // Copies the text of `x-ref="source"` to the clipboard; the button exists only with
    // JavaScript. Without clipboard access (plain HTTP on another host) it selects the
    // text instead, ready for Ctrl+C.
    Alpine.data("copyText", () => ({
      copyButton: {
        ":hidden"() {
          return false;
        },
        async "@click"() {
          const source = this.$refs.source;
          try {
            await navigator.clipboard.writeText(source.textContent.trim());
          } catch {
            getSelection()?.selectAllChildren(source);
            return;
          }
          const label = this.$refs.label;
          label.dataset.idle ??= label.textContent;
          label.textContent = label.dataset.done;
          setTimeout(() => {
            label.textContent = label.dataset.idle;
          }, 2000);
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
