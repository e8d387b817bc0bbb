// The live-reload snippet the dev server injects into HTML pages.
const RETRY_MS = 1000;

export function reloadScript(port, path = "/_reload") {
  return `<script type="module">
(() => {
  const connect = () => {
    const ws = new WebSocket("ws://" + location.hostname + ":${port}${path}");
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      if (msg.type === "reload") location.reload();
      if (msg.type === "css") refreshCss(msg.href);
    };
    ws.onclose = () => setTimeout(connect, ${RETRY_MS});
  };
  const refreshCss = (href) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      if (link.href.includes(href)) link.href = href + "?t=" + Date.now();
    }
  };
  connect();
})();
</script>`;
}

export function injectReload(html, port) {
  const snippet = reloadScript(port);
  const at = html.lastIndexOf("</body>");
  return at < 0 ? html + snippet : html.slice(0, at) + snippet + html.slice(at);
}
