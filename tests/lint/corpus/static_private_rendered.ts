// A component system that remembers what each component rendered.
import type { Page } from "jsr:@floe/floe";

type Props = Readonly<Record<string, string>>;

export abstract class Component {
  static #rendered = new Map<string, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo
  static #renders = 0; // expect: floe/no-module-mutable-state

  abstract name: string;
  protected abstract template(props: Props): string;

  static get renderCount(): number {
    return Component.#renders;
  }

  render(page: Page, props: Props): string {
    const key = `${this.name}|${page.url}|${Object.values(props).join("|")}`;
    const hit = Component.#rendered.get(key);
    if (hit !== undefined) return hit;
    Component.#renders++;
    const html = this.template(props);
    Component.#rendered.set(key, html);
    return html;
  }
}

export class Alert extends Component {
  name = "alert";
  protected template(props: Props): string {
    return `<div class="alert alert-${props.kind ?? "info"}">${props.text ?? ""}</div>`;
  }
}
