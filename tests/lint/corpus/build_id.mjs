// Build id for cache-busting query strings (JavaScript module).
export var buildId; // expect: floe/no-module-mutable-state

export function startBuild() {
  buildId = crypto.randomUUID().slice(0, 8);
  return buildId;
}

export function versioned(url) {
  if (!buildId) return url;
  const sep = url.includes("?") ? "&" : "?";
  return `${url}${sep}v=${buildId}`;
}

export function scriptTag(src) {
  return `<script type="module" src="${versioned(src)}"></script>`;
}

export function styleTag(href) {
  return `<link rel="stylesheet" href="${versioned(href)}">`;
}

export function headTags(assets) {
  return assets
    .map((a) => (a.endsWith(".css") ? styleTag(a) : scriptTag(a)))
    .join("\n");
}
