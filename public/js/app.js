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
  // for (hx-trigger "from:body"). The stream starts from the bus id the page was rendered at
  // (data-live-since), so a change made before the stream was open still refreshes the list;
  // `stream.resync` (those events are gone) refreshes it too.
  // The page's stream, the topics it was opened for, and its pending refresh: a refresh is
  // the stream's own, so closing the stream cancels it (a timer left by the previous page
  // would otherwise swallow the first event of the next one).
  let stream = null;
  let streamKey = "";
  const closeStream = () => {
    if (stream) {
      stream.source.close();
      clearTimeout(stream.refresh);
    }
    stream = null;
    streamKey = "";
  };
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
    const topics = [...new Set([bell ? "notifications" : "", marker?.dataset.liveTopic ?? ""])].filter(
      Boolean,
    );
    const key = `${topics.join(",")}|${marker?.dataset.liveEvents ?? ""}`;
    if (key === streamKey) return;
    closeStream();
    if (topics.length === 0) return;
    streamKey = key;
    // "Counted" means this stream's count arrived (it is subscribed from then on): a page
    // swapped in by htmx keeps the header, so the mark of the stream just closed goes.
    if (bell) delete bell.dataset.counted;
    const since = marker?.dataset.liveSince;
    const query = `topics=${encodeURIComponent(topics.join(","))}${since ? `&since=${encodeURIComponent(since)}` : ""}`;
    const opened = { source: new EventSource(`/events?${query}`), refresh: null };
    stream = opened;
    for (const name of ["notification.unread", "notification.created", "notification.read"])
      opened.source.addEventListener(name, showUnread);
    if (!marker) return;
    const changed = `${marker.dataset.liveTopic}-changed`;
    for (const name of [...(marker.dataset.liveEvents || "").split(" ").filter(Boolean), "stream.resync"]) {
      // At most one refresh per 250 ms, even while events keep coming (a scan's progress
      // arrives four times a second: a timer restarted on each event would never fire).
      opened.source.addEventListener(name, () => {
        if (opened.refresh !== null) return;
        opened.refresh = setTimeout(() => {
          opened.refresh = null;
          document.body.dispatchEvent(new CustomEvent(changed));
        }, 250);
      });
    }
  };
  document.addEventListener("DOMContentLoaded", followTopics);
  document.addEventListener("htmx:after:swap", followTopics);
  window.addEventListener("pagehide", closeStream);
  // Back from the back/forward cache: the stream opens again from when the page was rendered.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) followTopics();
  });

  // Live tables refresh (on a timer, or on a live event) through an element with
  // data-live-pause naming the table, but hold still while the pointer or focus is on the
  // table, a dialog is open or the tab is hidden: rows never move under the user's hand. A
  // held refresh is not lost: while any is held, a look each 250 ms makes it once the hold
  // has ended (an event-driven list would otherwise wait for the next event). Looking, rather
  // than listening for the pointer or focus to leave, also covers a touch screen's sticky
  // :hover and a focused row taken away by a refresh.
  const held = new Set();
  let heldTimer = null;
  const holding = (el) => {
    const table = document.querySelector(el.getAttribute("data-live-pause"));
    return Boolean(
      document.hidden || table?.matches(":hover, :focus-within") || document.querySelector("dialog[open]"),
    );
  };
  const resumeHeld = () => {
    for (const el of held) {
      if (el.isConnected && holding(el)) continue;
      held.delete(el);
      if (el.isConnected) window.htmx.ajax("GET", el.getAttribute("hx-get"), { source: el });
    }
    if (held.size > 0) return;
    clearInterval(heldTimer);
    heldTimer = null;
  };
  document.addEventListener("htmx:before:request", (event) => {
    const el = event.target;
    if (!(el instanceof Element) || !el.hasAttribute("data-live-pause") || !holding(el)) return;
    event.preventDefault();
    held.add(el);
    heldTimer ??= setInterval(resumeHeld, 250);
  });

  // A live reload (data-live-keep names the parameters) stays on the view of the address
  // bar: the filters come from the form, the page and its size from the address, which every
  // reload of the rows replaces with the view it shows.
  document.addEventListener("htmx:config:request", (event) => {
    const keep = event.target instanceof Element ? event.target.getAttribute("data-live-keep") : null;
    if (!keep) return;
    const here = new URLSearchParams(location.search);
    for (const name of keep.split(" ").filter((key) => here.has(key)))
      event.detail.ctx.request.body.set(name, here.get(name));
  });

  document.addEventListener("alpine:init", () => {
    const Alpine = window.Alpine;

    Alpine.data("shell", () => ({
      navOpen: false,
      shellBindings: {
        "@keydown.escape.window"() {
          this.navOpen = false;
        },
        // "/" (outside a field) or Ctrl-K / ⌘K: to the global search.
        "@keydown.window"(event) {
          const target = event.target;
          const typing =
            target instanceof HTMLElement &&
            (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
          const slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
          const ctrlK = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey;
          const box = document.getElementById("global-search");
          if (!(slash || ctrlK) || !box) return;
          event.preventDefault();
          box.focus();
          box.select();
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

  // A colour token as the page draws it now, for the charts (a custom property keeps the
  // light-dark() of tokens.css unresolved; an element's colour resolves it), or "" where unset.
  window.wardenToken = (name) => {
    if (!getComputedStyle(document.documentElement).getPropertyValue(name)) return "";
    const probe = document.body.appendChild(document.createElement("i"));
    probe.style.color = `var(${name})`;
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  };
})();
