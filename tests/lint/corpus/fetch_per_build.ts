// Remote data for a build (e.g. GitHub stars), de-duplicated per build.
export interface RemoteData {
  json<T>(url: string): Promise<T>;
}

export function createFetcher(init: RequestInit = {}): RemoteData {
  const inflight = new Map<string, Promise<unknown>>();
  return {
    json<T>(url: string): Promise<T> {
      let pending = inflight.get(url);
      if (pending === undefined) {
        pending = fetch(url, init).then(async (response) => {
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          return Object.freeze(await response.json());
        });
        inflight.set(url, pending);
        pending.catch(() => inflight.delete(url));
      }
      return pending as Promise<T>;
    },
  };
}

export async function stars(fetcher: RemoteData, repo: string): Promise<number> {
  const data = await fetcher.json<{ stargazers_count: number }>(
    `https://api.github.com/repos/${repo}`,
  );
  return data.stargazers_count;
}
