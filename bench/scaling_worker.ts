/**
 * Worker of bench/scaling.ts: does the measured work, reports its own time.
 *
 * @module
 */
import MarkdownIt from "markdown-it";

self.onmessage = (e: MessageEvent) => {
  const { texts, mode, spin } = e.data as { texts: string[]; mode: string; spin: number };
  const md = new MarkdownIt({ html: true });
  const start = performance.now();
  let x = 0;
  if (mode === "markdown-it") { for (const s of texts) x += md.render(s).length; }
  else for (let i = 0; i < spin; i++) x = (x * 31 + i) | 0;
  (self as unknown as Worker).postMessage([performance.now() - start, x]);
};
