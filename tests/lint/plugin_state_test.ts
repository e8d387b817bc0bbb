/**
 * The rules and the plugin contract (`src/config/plugin.ts`): state made by
 * the per-build hook (`site.setup`) is per build and gives no finding from any
 * rule; state kept in a plugin's closure outside the hook, captured by what the
 * plugin registers and changed during builds, is a `no-module-mutable-state`
 * finding; module-level state of a plugin module keeps its finding, with the
 * worker lifetime in the message and the hook in the hint.
 *
 * @module
 */

import assert from "node:assert/strict";
import { buildModel } from "../../lint-rules/model.ts";
import { pluginFunctions } from "../../lint-rules/plugins.ts";
import { type Case, lint, runCases } from "./helpers.ts";

const LIFETIME = "lives as long as the worker: in `floe serve` that is every build of the session";

const wrong: Case[] = [
  {
    name: "plugin module: a module-level cache keeps its finding, with the lifetime and the hook",
    code: `import type { Plugin } from "floe/plugin";
const cache = new Map<string, string>();
export function slow(): Plugin {
  return function slow(site) {
    site.filter("slow", (value: unknown) => {
      const key = String(value);
      let hit = cache.get(key);
      if (hit === undefined) {
        hit = key.toUpperCase();
        cache.set(key, hit);
      }
      return hit;
    });
  };
}`,
    expect: [{
      line: 2,
      binding: "cache",
      message: [
        'module-level Map mutated in the callback of `site.filter("slow", …)`',
        "per worker",
        "shared by every page that worker handles and by none of the other workers",
        LIFETIME,
        "until an edit to the config (or a module it imports) recycles the workers",
      ],
      hint: "`const cache = site.setup(() => new Map())` inside the plugin function",
    }],
    others: ["2 no-unsafe-memo"],
  },
  {
    name: "plugin body: a cache declared in the plugin function and filled by a filter",
    code: `import type { Plugin } from "floe/plugin";
export function slow(): Plugin {
  return function slow(site) {
    const cache = new Map<string, string>();
    site.filter("slow", (value: unknown) => {
      const key = String(value);
      let hit = cache.get(key);
      if (hit === undefined) {
        hit = key.toUpperCase();
        cache.set(key, hit);
      }
      return hit;
    });
  };
}`,
    expect: [{
      line: 4,
      binding: "cache",
      text: "cache",
      message: [
        "is a Map declared in the plugin function `slow()` and mutated in the filter `slow` (`.set()`)",
        "a plugin is registered once per config generation in each thread",
        "outside `site.setup`",
        LIFETIME,
        "not by the other workers, so results can differ by worker",
      ],
      hint:
        "Create it in the per-build hook instead: `const cache = site.setup(() => new Map<string, string>())`, and read it as `cache()`",
      fixed: null,
    }],
    pluginTotal: 1,
  },
  {
    name:
      "options closure: a Set declared in the function that makes the plugin, filled by an output",
    code: `import type { Plugin } from "floe/plugin";
export function links(options: { file?: string } = {}): Plugin {
  const seen = new Set<string>();
  const file = options.file ?? "links.txt";
  return (site) => {
    site.outputs(({ snapshot }) => [{
      path: file,
      make: () => {
        for (const page of snapshot.site.pages) seen.add(page.url);
        return [...seen].join("\\n");
      },
    }]);
  };
}`,
    expect: [{
      line: 3,
      binding: "seen",
      message: [
        "is a Set declared in `links()` (which makes the plugin) and mutated in the plugin's outputs (`.add()`)",
        LIFETIME,
      ],
      hint:
        "Move it into the plugin function, created in the per-build hook: `const seen = site.setup(() => new Set<string>())`",
    }],
    pluginTotal: 1,
  },
  {
    name:
      "a `let` counter in the plugin body, bumped by a filter; the parameter is not called site",
    code: `export default function counter(api: PluginSite) {
  let count = 0;
  api.filter("nth", () => ++count);
}`,
    expect: [{
      line: 2,
      binding: "count",
      message: [
        "is a `let` declared in the plugin function `counter()` and reassigned in the filter `nth` (`++`)",
      ],
      hint: "`const count = api.setup(() => ({ value: 0 }))`, and use `count().value`",
    }],
    pluginTotal: 1,
  },
  {
    name: "a helper declared in the plugin and registered by name",
    code: `export const remember = () => (site: PluginSite) => {
  const titles: string[] = [];
  function collect(page: ComputedInput) {
    titles.push(String(page.frontMatter.title));
    return titles.length;
  }
  site.computed("position", collect);
};`,
    expect: [{
      line: 2,
      binding: "titles",
      message: [
        "is an array declared in the plugin function and mutated in the computed value `position` (`.push()`)",
      ],
    }],
    pluginTotal: 1,
  },
  {
    name: "a helper called from a loader mutates the closure state",
    code: `export function csv() {
  return (site: PluginSite) => {
    const header: Record<string, string[]> = {};
    const remember = (path: string, row: string[]) => { header[path] = row; };
    site.loader([".csv"], (text, path) => {
      const rows = text.split("\\n").map((l) => l.split(","));
      remember(path, rows[0]);
      return rows.slice(1);
    });
  };
}`,
    expect: [{
      line: 3,
      binding: "header",
      message: [
        "is an object declared in the plugin function and mutated in `remember()` (a property write)",
      ],
      hint: "`const header = site.setup(() => ({}))`",
    }],
    pluginTotal: 1,
  },
  {
    name: "a Vento plugin and a markdown-it plugin capture closure state",
    code: `export default function tags(site: PluginSite) {
  const used: string[] = [];
  let rules = 0;
  site.vento((env) => {
    env.filters.tag = (s: string) => {
      used.push(s);
      return s;
    };
  });
  site.markdown((md) => {
    md.core.ruler.push("count", () => {
      rules += 1;
    });
  });
}`,
    expect: [
      { line: 2, binding: "used", message: ["mutated in a Vento plugin (`.push()`)"] },
      { line: 3, binding: "rules", message: ["reassigned in a markdown-it plugin (`+=`)"] },
    ],
    pluginTotal: 2,
  },
  {
    name: "a lazily opened resource in the plugin body",
    code: `export function search(): Plugin {
  const plugin: Plugin = (site) => {
    let index: Index | undefined;
    site.filter("search", async (q: unknown) => {
      index ??= await loadIndex();
      return index.query(String(q));
    });
  };
  return plugin;
}`,
    expect: [{
      line: 3,
      binding: "index",
      message: [
        "is a `let` declared in the plugin function `plugin()` and reassigned in the filter `search` (`??=`)",
      ],
      hint: "`const index = site.setup(() => ({ value: undefined }))`",
    }],
    pluginTotal: 1,
  },
];

wrong.push({
  name: "a data loader that remembers every file it loaded",
  code: `export const csv = () => (site: PluginSite) => {
  const loaded: string[] = [];
  site.loader([".csv"], (text: string, path: string) => {
    loaded.push(path);
    return text.split("\\n");
  });
};`,
  expect: [{
    line: 2,
    binding: "loaded",
    message: ['mutated in the loader for \`[".csv"]\` (\`.push()\`)'],
    hint: "\`const loaded = site.setup(() => [])\`",
  }],
  pluginTotal: 1,
});

const right: Case[] = [
  {
    name: "a cache made by the per-build hook, memoizing through the getter",
    code: `import type { Plugin } from "floe/plugin";
export function slow(): Plugin {
  return function slow(site) {
    const cache = site.setup(() => new Map<string, string>());
    site.filter("slow", (value: unknown) => {
      const key = String(value);
      let hit = cache().get(key);
      if (hit === undefined) {
        hit = key.toUpperCase();
        cache().set(key, hit);
      }
      return hit;
    });
  };
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "an object of state made by the hook, mutated through the getter",
    code: `export function links(options: { file?: string } = {}): Plugin {
  const file = options.file ?? "links.txt";
  return (site) => {
    const state = site.setup(() => ({ seen: new Set<string>(), count: 0 }));
    site.filter("link", (url: unknown) => {
      state().seen.add(String(url));
      state().count++;
      return url;
    });
    site.outputs(() => [{ path: file, make: () => [...state().seen].join("\\n"), tracked: false }]);
  };
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "read-only tables in the plugin body and in the options closure",
    code: `export default (options: { locale?: string } = {}) => {
  const locale = options.locale ?? "en";
  const MONTHS = Object.freeze(["Jan", "Feb", "Mar"]);
  return (site: PluginSite) => {
    const names = new Map([["en", "English"], ["fr", "Français"]]);
    const slug = /[^a-z0-9]+/g;
    site.filter("language", (code: unknown) => names.get(String(code)) ?? locale);
    site.filter("month", (n: number) => MONTHS[n]);
    site.filter("slug", (s: string) => s.toLowerCase().replace(slug, "-"));
  };
};`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a table filled while the plugin registers, only read by the filter",
    code: `export function abbr(list: Record<string, string>): Plugin {
  return (site) => {
    const table = new Map<string, string>();
    for (const [short, long] of Object.entries(list)) table.set(short, long);
    site.filter("abbr", (s: string) => table.get(s) ?? s);
  };
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "closure state reset by the setup hook at the start of every build",
    code: `export default function seen(site: PluginSite) {
  const urls = new Set<string>();
  site.setup(() => urls.clear());
  site.filter("once", (url: string) => {
    if (urls.has(url)) return "";
    urls.add(url);
    return url;
  });
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a closure `let` made anew by the setup hook",
    code: `export default function last(site: PluginSite) {
  let pages: string[] = [];
  site.setup(() => {
    pages = [];
  });
  site.filter("remember", (url: string) => {
    pages.push(url);
    return pages.length;
  });
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "state made per call inside the filter",
    code: `export default function words(site: PluginSite) {
  site.filter("unique", (text: string) => {
    const seen = new Set<string>();
    for (const w of text.split(" ")) seen.add(w);
    return [...seen].join(" ");
  });
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "an array's filter is not a registration: a per-call Set in an ordinary function",
    code: `export function uniquePages(pages: readonly Page[]): Page[] {
  const seen = new Set<string>();
  return pages.filter((page) => {
    if (seen.has(page.url)) return false;
    seen.add(page.url);
    return true;
  });
}
export function visible(pages: readonly Page[], hidden: Set<string>) {
  return pages.filter((p) => !hidden.has(p.url), undefined);
}`,
    expect: [],
    pluginTotal: 0,
  },
];

runCases("no-module-mutable-state", [...wrong, ...right]);

/** The plugin functions of `source`, as `<line> <site> <method,…> <maker lines>`. */
function pluginsOf(source: string): string[] {
  let out: string[] = [];
  const line = (offset: number) => source.slice(0, offset).split("\n").length;
  const probe: Deno.lint.Plugin = {
    name: "plugins-test",
    rules: {
      plugins: {
        create(ctx) {
          return {
            "Program:exit"(node) {
              const model = buildModel(node, ctx.sourceCode.text, "mod.ts");
              out = pluginFunctions(model).map((p) =>
                `${line(p.node.range[0])} ${p.site} ${
                  p.registrations.map((r) => r.method).join(",")
                } [${p.makers.map((m) => line(m.range[0])).join(",")}] build=${p.buildFns.length}`
              );
            },
          };
        },
      },
    },
  };
  Deno.lint.runPlugin(probe, "mod.ts", source);
  return out;
}

Deno.test("plugins: plugin functions are found by how their first parameter is used", () => {
  assert.deepEqual(
    pluginsOf(`export function a(options = {}) {
  return (site) => {
    const get = site.setup(() => new Map());
    site.filter("x", (s) => get().get(s));
    site.outputs(() => []);
  };
}
export const b = (o) => (api) => api.loader([".csv"], load);
function load(text) { return text; }
export function c() {
  function plugin(s) { s.markdown(md, 1); s.vento(helper); function helper(env) {} }
  return plugin;
}
export function notPlugins(pages, list) {
  pages.filter((p) => p.draft);
  list.filter(Boolean);
  pages.filter(isVisible, this);
  return list.filter(load, { strict: true });
}`),
    [
      "2 site setup,filter,outputs [1] build=2",
      "8 api loader [8] build=0",
      "11 s markdown,vento [10] build=1",
    ],
  );
});

Deno.test("plugins: the example of the plugin contract gives no finding", () => {
  // The `PluginSite.setup` example of src/config/plugin.ts, inside a plugin.
  const found = lint(`import type { Plugin } from "./plugin.ts";
export function slow(): Plugin {
  return function slow(site) {
    const cache = site.setup(() => new Map<string, string>());
    site.filter("slow", (s: unknown) => cache().get(String(s)) ?? "");
  };
}`);
  assert.deepEqual(found.map((f) => `${f.line} ${f.rule}`), []);
});

Deno.test("plugins: every docs example that uses the per-build hook gives no finding", () => {
  const pages = ["_index", "no-module-mutable-state", "no-unguarded-singleton", "no-unsafe-memo"];
  let checked = 0;
  for (const page of pages) {
    const url = new URL(`../../site/content/lint/${page}.md`, import.meta.url);
    for (const [, code] of Deno.readTextFileSync(url).matchAll(/^```ts\n([\s\S]*?)^```/gm)) {
      if (!code.includes(".setup(")) continue;
      checked++;
      const found = lint(code);
      assert.deepEqual(
        found.map((f) => `${f.line} ${f.rule}: ${f.message}`),
        [],
        `${page}: an example with site.setup is reported:\n${code}`,
      );
    }
  }
  assert.ok(checked >= 4, `only ${checked} examples use site.setup`);
});
