import type createMarkdownIt from "markdown-it";
import type { MarkdownIt, RendererRule } from "markdown-it";

/**
 * The longest Markdown source rendered, in UTF-16 code units. Longer input is cut to
 * this length without notice (no error): it bounds the parser's work on one call.
 */
export const MARKDOWN_MAX_LENGTH = 200_000;

/** The `rel` every rendered link carries. */
const LINK_REL = "noopener noreferrer nofollow";

/** URL schemes a link may use; anything else with a scheme is not a link. */
const LINK_SCHEMES = new Set(["http", "https", "mailto"]);

/** URL schemes an image may use. */
const IMAGE_SCHEMES = new Set(["http", "https"]);

/**
 * The URL's scheme in lower case, null for a relative URL (path, query or fragment).
 * Whatever stands before a colon that comes before any `/`, `?` or `#` counts as a
 * scheme, even if it is not a well-formed one (`java%09script:`), so such URLs fail
 * the allow-lists instead of slipping through as "relative".
 */
function schemeOf(url: string): string | null {
  const colon = url.indexOf(":");
  if (colon < 0) return null;
  const firstDelimiter = url.search(/[/?#]/);
  if (firstDelimiter >= 0 && firstDelimiter < colon) return null;
  return url.slice(0, colon).trim().toLowerCase();
}

/** Whether `url` is relative or of one of `schemes` (a link's, an image's). */
function allowedUrl(url: string, schemes: ReadonlySet<string>): boolean {
  const scheme = schemeOf(url);
  return scheme === null || schemes.has(scheme);
}

let engine: MarkdownIt | undefined;

/**
 * The configured renderer, built on the first render: markdown-it is loaded then (`require` is
 * lazy in the bundle), so a server whose pages never show Markdown does not hold it.
 */
function createRenderer(): MarkdownIt {
  const markdownIt: typeof createMarkdownIt = require("markdown-it");
  const md = markdownIt({ html: false, linkify: true, typographer: false, breaks: false });

  // markdown-it asks this for every link, image, autolink and linkified URL (after
  // normalising it); a URL that fails is left as plain text.
  md.validateLink = (url) => allowedUrl(url, LINK_SCHEMES);

  const renderToken: RendererRule = (tokens, idx, options, _env, self) =>
    self.renderToken(tokens, idx, options);
  const renderLinkOpen = md.renderer.rules.link_open ?? renderToken;
  const renderImage = md.renderer.rules.image ?? renderToken;

  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]?.attrSet("rel", LINK_REL);
    return renderLinkOpen(tokens, idx, options, env, self);
  };

  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (!token) return "";
    // validateLink already let the source through as a link; mailto: is no image.
    if (!allowedUrl(String(token.attrGet("src") ?? ""), IMAGE_SCHEMES))
      return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
    token.attrSet("loading", "lazy");
    return renderImage(tokens, idx, options, env, self);
  };
  return md;
}

/**
 * Renders user-written Markdown to HTML for a `.prose` block, safe to insert as is.
 *
 * - Raw HTML in the source is shown as text, never rendered.
 * - Links (written, `<autolinks>` and bare URLs, which are linkified) may only be
 *   http:, https:, mailto: or relative / fragment URLs; any other scheme
 *   (`javascript:`, `data:`, `vbscript:`, `file:` …) leaves the Markdown as plain text.
 *   Every link gets `rel="noopener noreferrer nofollow"` and opens in the same tab.
 * - Images may only use http(s) or relative sources and load lazily; any other source
 *   is shown as its alt text. (The page CSP still decides which hosts actually load.)
 * - Source beyond {@link MARKDOWN_MAX_LENGTH} characters is dropped.
 */
export function renderMarkdown(source: string): string {
  engine ??= createRenderer();
  return engine.render(source.slice(0, MARKDOWN_MAX_LENGTH));
}
