// Embeds remote code snippets (e.g. from a GitHub raw URL) into pages.
const remote: Record<string, string> = {}; // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

async function download(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return await response.text();
}

export async function snippet(url: string, lines?: [number, number]): Promise<string> {
  remote[url] ??= await download(url);
  const text = remote[url];
  if (!lines) return text;
  return text.split("\n").slice(lines[0] - 1, lines[1]).join("\n");
}

export async function embed(url: string): Promise<string> {
  const code = await snippet(url);
  return `<pre><code>${code.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</code></pre>`;
}
