// Table of contents for one page: a builder object per page render.
export interface TocItem {
  level: number;
  id: string;
  text: string;
  children: TocItem[];
}

export class TocBuilder {
  readonly #root: TocItem[] = [];
  readonly #stack: TocItem[] = [];
  #count = 0;

  constructor(private readonly minLevel = 2, private readonly maxLevel = 3) {}

  add(level: number, id: string, text: string): this {
    if (level < this.minLevel || level > this.maxLevel) return this;
    const item: TocItem = { level, id, text, children: [] };
    while (this.#stack.length > 0 && this.#stack[this.#stack.length - 1].level >= level) {
      this.#stack.pop();
    }
    const parent = this.#stack[this.#stack.length - 1];
    (parent ? parent.children : this.#root).push(item);
    this.#stack.push(item);
    this.#count++;
    return this;
  }

  get size(): number {
    return this.#count;
  }

  toHtml(): string {
    const render = (items: TocItem[]): string =>
      items.length === 0 ? "" : `<ol>${
        items.map((i) => `<li><a href="#${i.id}">${i.text}</a>${render(i.children)}</li>`).join("")
      }</ol>`;
    return render(this.#root);
  }
}

export function tocFor(headings: readonly { level: number; id: string; text: string }[]): string {
  const builder = new TocBuilder();
  for (const h of headings) builder.add(h.level, h.id, h.text);
  return builder.size > 1 ? builder.toHtml() : "";
}
