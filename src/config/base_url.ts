/**
 * What a `baseURL` may be: an absolute http(s) URL with a host, or a path that
 * starts with one `/`. Anything else would be pasted into every link and the
 * sitemap as it is, silently broken.
 *
 * @module
 */

/**
 * What is wrong with a `baseURL`, if anything, and a value that would do. It must be
 * an absolute `http:`/`https:` URL with a host, or a path starting with one `/`;
 * without a query or fragment, and with nothing `new URL` would silently drop or
 * rewrite (spaces, control characters, backslashes).
 */
export function baseUrlProblem(value: string): { message: string; fix?: string } | undefined {
  const shown = JSON.stringify(value);
  const encoded = (text: string) => encodeURI(text.trim()).replace(/%25([0-9a-f]{2})/gi, "%$1");
  // deno-lint-ignore no-control-regex
  if (/[\x00-\x1f\x7f-\x9f]/.test(value)) {
    return { message: `${shown} contains a control character` };
  }
  if (value === "") return { message: "is empty", fix: "/" };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  if (scheme) {
    if (!/^https?$/i.test(scheme)) {
      return { message: `${shown} must use http or https, not ${scheme}:` };
    }
    if (/\s/.test(value)) {
      return {
        message: `${shown} contains a space`,
        fix: /\s/.test(value.trim()) ? undefined : value.trim(),
      };
    }
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!/^https?:\/\/[^/\\]/i.test(value) || !url?.hostname) {
      return { message: `${shown} is not a valid URL: it needs a host after ${scheme}://` };
    }
    if (value.includes("\\")) return { message: `${shown} contains a backslash` };
    if (url.username || url.password) {
      return { message: `${shown} must not contain a user name or password` };
    }
    if (url.search || url.hash || /[?#]/.test(value)) {
      return {
        message: `${shown} must not have a query (?…) or a fragment (#…)`,
        fix: value.replace(/[?#].*$/, ""),
      };
    }
    return undefined;
  }
  if (value.startsWith("//")) {
    return { message: `${shown} has no scheme`, fix: `https:${value}` };
  }
  if (!value.startsWith("/")) {
    const looksLikeHost = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/|$)/i.test(value);
    return {
      message: `${shown} must be an absolute http(s) URL or a path starting with "/"`,
      fix: /\s|\\/.test(value.trim())
        ? undefined
        : looksLikeHost
        ? `https://${value.trim()}`
        : `/${value.trim()}`,
    };
  }
  if (/\s/.test(value)) return { message: `${shown} contains a space`, fix: encoded(value) };
  if (value.includes("\\")) {
    return { message: `${shown} contains a backslash`, fix: value.replaceAll("\\", "/") };
  }
  if (/[?#]/.test(value)) {
    return {
      message: `${shown} must not have a query (?…) or a fragment (#…)`,
      fix: value.replace(/[?#].*$/, "") || "/",
    };
  }
  if (/%(?![0-9a-f]{2})/i.test(value)) {
    return { message: `${shown} has a "%" that is not a %XX escape`, fix: encoded(value) };
  }
  return undefined;
}
