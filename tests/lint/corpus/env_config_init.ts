// Site-wide settings decided once while the module initialises.
const DEFAULT_BASE = "http://localhost:8000/";

let baseURL: string;
if (Deno.env.get("CI")) {
  baseURL = Deno.env.get("SITE_URL") ?? "https://example.org/";
} else {
  baseURL = DEFAULT_BASE;
}

let analyticsId: string | null;
const fromEnv = Deno.env.get("ANALYTICS_ID");
if (fromEnv && fromEnv.trim() !== "") analyticsId = fromEnv.trim();
else analyticsId = null;

export function absoluteUrl(path: string): string {
  return new URL(path.replace(/^\//, ""), baseURL).href;
}

export function analyticsSnippet(): string {
  if (analyticsId === null) return "";
  return `<script defer data-site="${analyticsId}" src="/js/stats.js"></script>`;
}

export function isProduction(): boolean {
  return baseURL !== DEFAULT_BASE;
}
