// Remote data for the home page: promises cached in module lets (JavaScript).
const FEED_URL = "https://status.example.org/feed.json";

let feedPromise; // expect: floe/no-module-mutable-state
let sponsorsReady; // expect: floe/no-module-mutable-state

export function statusFeed() {
  return (feedPromise ??= fetch(FEED_URL).then((r) => r.json()));
}

export function sponsors() {
  sponsorsReady ??= (async () => {
    const text = await Deno.readTextFile("./data/sponsors.txt");
    return Object.freeze(text.split("\n").map((l) => l.trim()).filter(Boolean));
  })();
  return sponsorsReady;
}

export async function statusBadge() {
  const feed = await statusFeed();
  const ok = feed.items?.[0]?.status === "operational";
  return `<span class="status ${ok ? "ok" : "degraded"}">${ok ? "All systems go" : "Degraded"}</span>`;
}

export async function sponsorList() {
  const names = await sponsors();
  return `<ul class="sponsors">${names.map((n) => `<li>${n}</li>`).join("")}</ul>`;
}
