/**
 * The live-reload client the dev server injects into every HTML page it serves.
 * It is a string, not a module of this package: it runs in the browser, and the
 * server sends it as is.
 *
 * It listens to the server's Server-Sent Events. On each connection the server
 * first sends a `state` message, `{ server, revision, errors }`: when that is
 * not the server and revision the page was served at (the `data-*` of its
 * script tag), the page missed something and reloads; otherwise it shows the
 * errors, if any. Then each `build` event is
 * `{ server, revision, changed, removed, cssOnly, errors }`:
 * - the same revision: nothing changed since the page was served; show or hide
 *   the error overlay;
 * - the next revision: when only stylesheets changed, swap them in place (the
 *   page is not reloaded); when this page changed, fetch it and morph the
 *   document into it (scroll position, focus and script state survive); when
 *   other files changed, do nothing;
 * - anything else (a missed event, a restarted server): reload.
 *
 * The morph is written here rather than taken from a library (morphdom,
 * idiomorph): the client must be one self-contained script the server can inject
 * with no build step and no file outside this package.
 *
 * @module
 */

/** The path of the client script and of the event stream, under the site's base path. */
export const CLIENT_PATH = "__floe/client.js";
/** The Server-Sent Events endpoint, under the site's base path. */
export const EVENTS_PATH = "__floe/events";

/**
 * The `<script>` tag served pages get: it names the events endpoint and the
 * revision the page was served at.
 *
 * @example
 * ```ts
 * import { clientTag } from "./client.ts";
 * clientTag("/", 3); // '<script type="module" src="/__floe/client.js" data-revision="3" …'
 * ```
 */
export function clientTag(base: string, revision: number, server: string): string {
  return `<script type="module" src="${base}${CLIENT_PATH}" data-floe-client ` +
    `data-events="${base}${EVENTS_PATH}" data-revision="${revision}" data-server="${server}"></script>`;
}

/**
 * Puts the client tag into an HTML document: before `</head>`, else before
 * `</body>`, else at the end.
 *
 * @example
 * ```ts
 * import { injectClient } from "./client.ts";
 * injectClient("<head></head><p>x</p>", "<script></script>"); // "<head><script></script></head><p>x</p>"
 * ```
 */
export function injectClient(html: string, tag: string): string {
  for (const close of [/<\/head\s*>/i, /<\/body\s*>/i]) {
    const at = html.search(close);
    if (at >= 0) return html.slice(0, at) + tag + html.slice(at);
  }
  return html + tag;
}

/** The browser code. Kept in plain ES2020 so every current browser runs it as is. */
export const CLIENT_SCRIPT = `// floe dev server: live reload and the error overlay.
const tag = document.querySelector("script[data-floe-client]");
const state = {
  revision: Number(tag.dataset.revision),
  server: tag.dataset.server,
};
window.__floe = state;

const here = () => {
  const path = decodeURI(location.pathname);
  return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
};

function connect() {
  const source = new EventSource(tag.dataset.events);
  // On every (re)connection: where the server is. Another server, or builds
  // missed while not connected: only a reload shows what changed.
  source.addEventListener("state", (message) => {
    const current = JSON.parse(message.data);
    if (current.server !== state.server || current.revision !== state.revision) {
      return location.reload();
    }
    showErrors(current.errors);
  });
  source.addEventListener("build", (message) => {
    const event = JSON.parse(message.data);
    if (event.server !== state.server) return location.reload();
    if (event.revision === state.revision) return showErrors(event.errors);
    if (event.revision !== state.revision + 1) return location.reload();
    state.revision = event.revision;
    apply(event).catch(() => location.reload());
  });
}

async function apply(event) {
  showErrors(event.errors);
  if (event.errors.length) return;
  const page = here();
  if (event.removed.includes(page)) return location.reload();
  swapStylesheets(event.changed);
  if (event.cssOnly) return;
  if (event.changed.includes(page)) return morphPage();
  // A script or image this page uses changed: only a reload shows it.
  const used = [...document.querySelectorAll("script[src], img[src], source[src], video[src]")]
    .map((el) => new URL(el.src, location.href))
    .filter((url) => url.origin === location.origin)
    .map((url) => decodeURI(url.pathname));
  if (event.changed.some((url) => used.includes(url))) location.reload();
}

function swapStylesheets(changed) {
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !changed.includes(decodeURI(url.pathname))) continue;
    url.searchParams.set("floe", String(state.revision));
    const next = link.cloneNode();
    next.href = url.href;
    // The old sheet stays until the new one has loaded: no flash of unstyled page.
    next.addEventListener("load", () => link.remove(), { once: true });
    next.addEventListener("error", () => link.remove(), { once: true });
    link.after(next);
  }
}

async function morphPage() {
  const response = await fetch(location.href, { cache: "no-store" });
  const html = await response.text();
  const next = new DOMParser().parseFromString(html, "text/html");
  document.title = next.title;
  morphChildren(document.body, next.body);
  for (const name of next.body.getAttributeNames()) {
    document.body.setAttribute(name, next.body.getAttribute(name));
  }
  if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  document.dispatchEvent(new CustomEvent("floe:updated"));
}

// Makes the children of "from" those of "to", keeping every node that can be kept:
// same position and same kind of node (same tag and, when set, same id).
function morphChildren(from, to) {
  const wanted = [...to.childNodes];
  let current = from.firstChild;
  for (const node of wanted) {
    if (current && sameKind(current, node)) {
      morphNode(current, node);
      current = current.nextSibling;
    } else {
      from.insertBefore(document.importNode(node, true), current);
    }
  }
  while (current) {
    const next = current.nextSibling;
    if (!(current.dataset && "floeOverlay" in current.dataset)) current.remove();
    current = next;
  }
}

function sameKind(a, b) {
  if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) return false;
  if (a.nodeType === 1 && "floeOverlay" in a.dataset) return false;
  return a.nodeType !== 1 || (a.id || "") === (b.id || "");
}

function morphNode(from, to) {
  if (from.nodeType !== 1) {
    if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
    return;
  }
  if (from.nodeName === "SCRIPT") {
    if (from.outerHTML !== to.outerHTML) from.replaceWith(document.importNode(to, true));
    return;
  }
  for (const name of from.getAttributeNames()) {
    if (!to.hasAttribute(name)) from.removeAttribute(name);
  }
  for (const name of to.getAttributeNames()) {
    if (from.getAttribute(name) !== to.getAttribute(name)) from.setAttribute(name, to.getAttribute(name));
  }
  if (from.nodeName === "INPUT" || from.nodeName === "TEXTAREA" || from.nodeName === "SELECT") return;
  morphChildren(from, to);
}

function showErrors(errors) {
  document.querySelector("[data-floe-overlay]")?.remove();
  if (!errors.length) return;
  const overlay = document.createElement("floe-overlay");
  overlay.dataset.floeOverlay = "";
  const root = overlay.attachShadow({ mode: "open" });
  root.innerHTML = \`<style>
    :host { position: fixed; inset: 0; z-index: 2147483647; background: rgba(20, 20, 24, .72);
      overflow: auto; font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    .box { max-width: 960px; margin: 5vh auto; background: #1d1f23; color: #e8e8e8;
      border-top: 4px solid #ff5c5c; border-radius: 6px; padding: 16px 24px; }
    h1 { font: 600 16px/1.4 system-ui, sans-serif; color: #ff8080; margin: 0 0 12px; }
    .error { margin: 0 0 20px; }
    .where { color: #9ecbff; } .message { white-space: pre-wrap; }
    pre { background: #111316; padding: 8px 12px; overflow: auto; margin: 8px 0; }
    .mark { background: #5a1e1e; display: inline-block; min-width: 100%; }
    .hint { color: #b5e8a8; } button { float: right; background: none; border: 0; color: #aaa;
      font-size: 20px; cursor: pointer; }
  </style><div class="box" role="alertdialog" aria-label="Build errors"><button title="Close" aria-label="Close">×</button>
  <h1></h1><div class="errors"></div><p>The last good build is still served. Fix the file and save: this goes away.</p></div>\`;
  root.querySelector("h1").textContent =
    \`floe: the build failed with \${errors.length} error\${errors.length === 1 ? "" : "s"}\`;
  root.querySelector("button").addEventListener("click", () => overlay.remove());
  const list = root.querySelector(".errors");
  for (const e of errors) {
    const item = document.createElement("div");
    item.className = "error";
    const where = document.createElement("div");
    where.className = "where";
    where.textContent = e.file
      ? \`\${e.file}\${e.line ? \`:\${e.line}\${e.column ? \`:\${e.column}\` : ""}\` : ""}\`
      : "";
    const message = document.createElement("div");
    message.className = "message";
    message.textContent = \`error[\${e.code}]: \${e.message}\`;
    item.append(where, message);
    if (e.frame && e.frame.length) {
      const pre = document.createElement("pre");
      for (const line of e.frame) {
        const row = document.createElement("span");
        row.textContent = \`\${String(line.number).padStart(4)} | \${line.text}\\n\`;
        if (line.number === e.line) row.className = "mark";
        pre.append(row);
        if (line.number === e.line && e.column) {
          pre.append(\`     | \${" ".repeat(e.column - 1)}^\\n\`);
        }
      }
      item.append(pre);
    }
    if (e.hint) {
      const hint = document.createElement("div");
      hint.className = "hint";
      hint.textContent = \`hint: \${e.hint}\`;
      item.append(hint);
    }
    list.append(item);
  }
  document.body.append(overlay);
}

connect();
`;
