// Highlight.js instance with custom aliases, created on first use (JavaScript).
import hljs from "highlight.js";

var hljsInstance; // expect: floe/no-module-mutable-state

var ALIASES = Object.freeze({ vto: "handlebars", conf: "ini", jsonc: "json" }); // expect: floe/no-module-mutable-state

function instance() {
  if (!hljsInstance) {
    hljsInstance = hljs.newInstance(); // expect: floe/no-unguarded-singleton
    for (var alias in ALIASES) hljsInstance.registerAliases(alias, { languageName: ALIASES[alias] });
  }
  return hljsInstance;
}

export function highlight(code, lang) {
  var hl = instance();
  return hl.getLanguage(lang) ? hl.highlight(code, { language: lang }).value : code;
}

export function languages() {
  return instance().listLanguages().sort();
}
