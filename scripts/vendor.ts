// Copies the browser libraries Warden serves from node_modules into public/vendor/ and
// builds the icon sprite. Runs on `bun install` (postinstall) and before every build:
// nothing is ever loaded from a CDN.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ICONS } from "../views/components/icon.tsx";

const root = join(import.meta.dir, "..");
const modules = join(root, "node_modules");
const out = join(root, "public/vendor");
const files: [from: string, to: string][] = [
  ["@simplewebauthn/browser/dist/bundle/index.umd.min.js", "simplewebauthn-browser.min.js"],
  ["uplot/dist/uPlot.min.css", "uplot/uPlot.min.css"],
];
/**
 * Files over ~30 KiB stored gzipped (served as they are, see src/middleware/static-assets.ts):
 * the binary carries 0.6 instead of 2.1 MiB of them (Swagger UI's bundle 1.7 MiB → 0.45,
 * its stylesheet 184 → 27 KiB, Alpine 71 → 26, uPlot 50 → 22, htmx 37 → 13).
 */
const gzipped: [from: string, to: string][] = [
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
  ["@alpinejs/csp/dist/cdn.min.js", "alpine-csp.min.js"],
  ["uplot/dist/uPlot.iife.min.js", "uplot/uPlot.iife.min.js"],
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger/swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger/swagger-ui.css"],
];
for (const [from, to] of files) {
  const target = join(out, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(modules, from), target);
}
for (const [from, to] of gzipped) {
  const target = join(out, to);
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { force: true });
  writeFileSync(`${target}.gz`, Bun.gzipSync(readFileSync(join(modules, from)), { level: 9 }));
}

const symbols = ICONS.map((name) => {
  const svg = readFileSync(join(modules, "lucide-static/icons", `${name}.svg`), "utf8");
  const inner = svg.slice(svg.indexOf(">", svg.indexOf("<svg")) + 1, svg.lastIndexOf("</svg>")).trim();
  return `<symbol id="${name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${inner}</symbol>`;
});
writeFileSync(
  join(out, "icons.svg"),
  `<svg xmlns="http://www.w3.org/2000/svg"><!-- lucide-static, ISC licence -->${symbols.join("")}</svg>\n`,
);
console.log(`vendor: ${files.length + gzipped.length} files and ${ICONS.length} icons into public/vendor`);
