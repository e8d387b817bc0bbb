// A plugin whose expensive resources are created once per build session.
import type { Page } from "jsr:@floe/floe";

interface Renderer {
  render(page: Page): Promise<string>;
  dispose(): Promise<void>;
}

declare function createRenderer(theme: string): Promise<Renderer>;

export class RenderSession {
  #renderer: Promise<Renderer> | undefined;
  #count = 0;

  constructor(private readonly theme: string) {}

  #get(): Promise<Renderer> {
    return this.#renderer ??= createRenderer(this.theme);
  }

  async render(page: Page): Promise<string> {
    this.#count++;
    return (await this.#get()).render(page);
  }

  async close(): Promise<number> {
    if (this.#renderer) await (await this.#renderer).dispose();
    this.#renderer = undefined;
    return this.#count;
  }
}

export async function renderAll(pages: readonly Page[], theme = "default"): Promise<string[]> {
  const session = new RenderSession(theme);
  try {
    return await Promise.all(pages.map((p) => session.render(p)));
  } finally {
    await session.close();
  }
}
