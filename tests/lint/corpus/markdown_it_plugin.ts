// A markdown-it plugin: it changes the instance it is given, nothing of its own.
import type MarkdownIt from "markdown-it";

export interface ExternalLinkOptions {
  readonly hosts?: readonly string[];
  readonly rel?: string;
}

export function externalLinks(md: MarkdownIt, options: ExternalLinkOptions = {}): void {
  const rel = options.rel ?? "noopener noreferrer";
  const internal = new Set(options.hosts ?? []);
  const fallback = md.renderer.rules.link_open ??
    ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));

  md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    const href = token.attrGet("href") ?? "";
    if (/^https?:\/\//.test(href)) {
      const host = new URL(href).host;
      if (!internal.has(host)) {
        token.attrSet("rel", rel);
        token.attrSet("target", "_blank");
      }
    }
    return fallback(tokens, idx, opts, env, self);
  };
}

export default externalLinks;
