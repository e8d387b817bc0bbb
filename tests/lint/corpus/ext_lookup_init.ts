// Language aliases for fenced code blocks, built once while the module loads.
interface LanguageInfo {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly extensions: readonly string[];
}

const LANGUAGES: readonly LanguageInfo[] = Object.freeze([
  { name: "typescript", aliases: ["ts", "tsx", "mts"], extensions: [".ts", ".tsx"] },
  { name: "javascript", aliases: ["js", "jsx", "mjs", "cjs"], extensions: [".js", ".mjs"] },
  { name: "rust", aliases: ["rs"], extensions: [".rs"] },
  { name: "python", aliases: ["py", "python3"], extensions: [".py"] },
  { name: "shell", aliases: ["sh", "bash", "zsh", "console"], extensions: [".sh"] },
  { name: "yaml", aliases: ["yml"], extensions: [".yaml", ".yml"] },
]);

const byAlias = new Map<string, string>();
const byExtension = new Map<string, string>();

for (const lang of LANGUAGES) {
  byAlias.set(lang.name, lang.name);
  for (const alias of lang.aliases) byAlias.set(alias, lang.name);
}
LANGUAGES.forEach((lang) => {
  lang.extensions.forEach((ext) => byExtension.set(ext, lang.name));
});

export function canonicalLanguage(info: string): string | undefined {
  const word = info.trim().split(/[\s{,]/)[0].toLowerCase();
  return byAlias.get(word);
}

export function languageForFile(path: string): string | undefined {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? undefined : byExtension.get(path.slice(dot).toLowerCase());
}
