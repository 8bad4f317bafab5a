/** @jsxImportSource hono/jsx */
/** Icons available in the sprite (from lucide-static, built by scripts/vendor.ts). */
export const ICONS = [
  "gauge",
  "cpu",
  "app-window",
  "network",
  "radar",
  "bell-ring",
  "folder-open",
  "flame",
  "inbox",
  "bug",
  "server",
  "file-text",
  "users",
  "scroll-text",
  "sliders-horizontal",
  "code-xml",
  "menu",
  "sun",
  "moon",
  "monitor",
  "circle-user",
  "log-out",
  "x",
  "circle-alert",
  "database",
  "clock",
  "heart-pulse",
  "hard-drive",
  "list",
  "wifi",
  "wifi-off",
  "key-round",
  "user-plus",
  "copy",
  "check",
  "chevron-left",
  "chevron-right",
  "filter",
  "triangle-alert",
  "bell",
  "webhook",
  "crosshair",
  "shield-alert",
  "search",
  "handshake",
] as const;

/** Name of an icon in the sprite. */
export type IconName = (typeof ICONS)[number];

/** A decorative icon from the sprite; its meaning is always also given as text. */
export function Icon({ name, sprite }: { name: IconName; sprite: string }) {
  return (
    <svg class="icon" aria-hidden="true" focusable="false">
      <use href={`${sprite}#${name}`} />
    </svg>
  );
}
