// Data loader for authors: the cache lives in the loader created for one build.
import { join } from "node:path";
import { parse as parseYaml } from "js-yaml";

export interface Author {
  readonly id: string;
  readonly name: string;
  readonly bio: string;
  readonly links: readonly string[];
}

export interface AuthorLoader {
  load(id: string): Promise<Author | undefined>;
  all(): Promise<readonly Author[]>;
}

export function createAuthorLoader(dataDir: string): AuthorLoader {
  const cache = new Map<string, Promise<Author | undefined>>();

  async function read(id: string): Promise<Author | undefined> {
    try {
      const text = await Deno.readTextFile(join(dataDir, "authors", `${id}.yaml`));
      const raw = parseYaml(text) as Record<string, unknown>;
      return Object.freeze({
        id,
        name: String(raw.name ?? id),
        bio: String(raw.bio ?? ""),
        links: Object.freeze(Array.isArray(raw.links) ? raw.links.map(String) : []),
      });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  }

  return {
    load(id) {
      let pending = cache.get(id);
      if (!pending) {
        pending = read(id);
        cache.set(id, pending);
      }
      return pending;
    },
    async all() {
      const ids: string[] = [];
      for await (const entry of Deno.readDir(join(dataDir, "authors"))) {
        if (entry.isFile && entry.name.endsWith(".yaml")) ids.push(entry.name.slice(0, -5));
      }
      ids.sort();
      const authors = await Promise.all(ids.map((id) => this.load(id)));
      return authors.filter((a): a is Author => a !== undefined);
    },
  };
}
