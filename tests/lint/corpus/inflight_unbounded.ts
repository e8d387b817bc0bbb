// Remote JSON for data files (e.g. an API listing), de-duplicated with cached promises.
const inflight = new Map<string, Promise<unknown>>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function fetchJson<T>(url: string): Promise<T> {
  let pending = inflight.get(url);
  if (!pending) {
    pending = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    });
    inflight.set(url, pending);
  }
  return pending as Promise<T>;
}

export async function githubRelease(repo: string): Promise<string> {
  const data = await fetchJson<{ tag_name: string }>(
    `https://api.github.com/repos/${repo}/releases/latest`,
  );
  return data.tag_name;
}
