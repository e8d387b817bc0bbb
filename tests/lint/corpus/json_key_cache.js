// Pagination links memoised by their options (JavaScript).
const cache = new Map(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

function build({ base, current, total }) {
  const links = [];
  for (let n = 1; n <= total; n++) {
    const href = n === 1 ? base : `${base}page/${n}/`;
    links.push(n === current ? `<span>${n}</span>` : `<a href="${href}">${n}</a>`);
  }
  return `<nav class="pager">${links.join("")}</nav>`;
}

export function pager(options) {
  const key = JSON.stringify(options);
  if (cache.has(key)) return cache.get(key);
  const html = build(options);
  cache.set(key, html);
  return html;
}

export function clearPagerCache() {
  cache.clear();
}
