// HTML minifier options in a static field that is never written.
export interface MinifyOptions {
  collapseWhitespace: boolean;
  removeComments: boolean;
  keepClosingSlash: boolean;
}

export class HtmlMinifier {
  static defaults: MinifyOptions = { // expect: floe/no-module-mutable-state
    collapseWhitespace: true,
    removeComments: true,
    keepClosingSlash: false,
  };

  readonly options: MinifyOptions;

  constructor(options: Partial<MinifyOptions> = {}) {
    this.options = { ...HtmlMinifier.defaults, ...options };
  }

  minify(html: string): string {
    let out = html;
    if (this.options.removeComments) out = out.replace(/<!--(?!\[if)[\s\S]*?-->/g, "");
    if (this.options.collapseWhitespace) out = out.replace(/>\s+</g, "><").replace(/\s{2,}/g, " ");
    if (!this.options.keepClosingSlash) out = out.replace(/\s*\/>/g, ">");
    return out.trim();
  }
}
