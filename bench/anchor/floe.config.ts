/**
 * floe's anchor config for the benchmark: the same output as the Hugo, Eleventy and
 * Jekyll anchors in ../shared/bench/anchors (HTML pages, sections, tags; highlighting
 * on; no feeds, sitemap, search index, pagination or link check, which they don't
 * do either), so the wall times compare the same work.
 *
 * @module
 */
export default {
  title: "Benchmark Site",
  layoutsDir: new URL("./layouts", import.meta.url).pathname,
  paginate: 0,
  feeds: false,
  sitemap: false,
  search: false,
  checkLinks: false,
};
