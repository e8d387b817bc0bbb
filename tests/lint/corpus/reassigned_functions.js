// Overridable hooks: users replace the default implementations (JavaScript).
function defaultSlugify(text) {
  return text.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export let slugify = defaultSlugify; // expect: floe/no-module-mutable-state

function transformHtml(html) { // expect: floe/no-module-mutable-state
  return html;
}

export function setSlugify(fn) {
  slugify = fn;
}

export function setTransform(fn) {
  transformHtml = fn;
}

export function render(page) {
  return transformHtml(`<h1 id="${slugify(page.title)}">${page.title}</h1>${page.html}`);
}
