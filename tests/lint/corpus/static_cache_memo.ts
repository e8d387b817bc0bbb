// Template compilation cached in a static field, keyed by the template's path.
import { compile, type Compiled } from "./template_engine.ts";

export class Templates {
  static cache = new Map<string, Compiled>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo
  static readonly ROOT = "./site/layouts";

  static load(path: string): Compiled {
    let compiled = Templates.cache.get(path);
    if (!compiled) {
      const source = Deno.readTextFileSync(`${Templates.ROOT}/${path}`);
      compiled = compile(source, { filename: path });
      Templates.cache.set(path, compiled);
    }
    return compiled;
  }

  static render(path: string, data: Record<string, unknown>): string {
    return Templates.load(path)(data);
  }
}
