// robots.txt from a frozen policy.
const POLICY = Object.freeze({
  disallow: Object.freeze(["/drafts/", "/search/", "/_preview/"]),
  crawlDelay: null as number | null,
  blockedAgents: Object.freeze(["GPTBot", "CCBot"]),
});

export interface RobotsOptions {
  readonly baseURL: string;
  readonly production: boolean;
}

export function robotsTxt(options: RobotsOptions): string {
  const lines: string[] = [];
  if (!options.production) {
    lines.push("User-agent: *", "Disallow: /");
    return lines.join("\n") + "\n";
  }
  for (const agent of POLICY.blockedAgents) lines.push(`User-agent: ${agent}`, "Disallow: /", "");
  lines.push("User-agent: *");
  for (const path of POLICY.disallow) lines.push(`Disallow: ${path}`);
  if (POLICY.crawlDelay !== null) lines.push(`Crawl-delay: ${POLICY.crawlDelay}`);
  lines.push("", `Sitemap: ${new URL("sitemap.xml", options.baseURL).href}`);
  return lines.join("\n") + "\n";
}
