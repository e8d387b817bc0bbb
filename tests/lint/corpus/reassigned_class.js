// Pluggable Markdown renderer class; a theme may swap it (JavaScript).
class Renderer { // expect: floe/no-module-mutable-state
  constructor(options = {}) {
    this.options = { breaks: false, ...options };
  }

  paragraph(text) {
    const body = this.options.breaks ? text.replace(/\n/g, "<br>") : text;
    return `<p>${body}</p>`;
  }

  render(markdown) {
    return markdown.split(/\n{2,}/).map((block) => this.paragraph(block.trim())).join("\n");
  }
}

export function useRenderer(CustomRenderer) {
  Renderer = CustomRenderer;
}

export function renderMarkdown(markdown, options) {
  return new Renderer(options).render(markdown);
}
