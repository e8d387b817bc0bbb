// A lookup table named "cache" filled at load time; functions fill the caller's cache.
const cache = new Map<string, string>([
  ["js", "JavaScript"],
  ["ts", "TypeScript"],
  ["py", "Python"],
  ["rs", "Rust"],
  ["sh", "Shell"],
]);

export function languageName(ext: string): string {
  return cache.get(ext) ?? ext.toUpperCase();
}

export function warm(cache: Map<string, string>, exts: readonly string[]): Map<string, string> {
  for (const ext of exts) {
    if (!cache.has(ext)) cache.set(ext, languageName(ext));
  }
  return cache;
}

export function labelFor(ext: string, memo: Map<string, string> = new Map()): string {
  let label = memo.get(ext);
  if (label === undefined) {
    label = `${languageName(ext)} (.${ext})`;
    memo.set(ext, label);
  }
  return label;
}

export function allLabels(exts: readonly string[]): string[] {
  const cache = new Map<string, string>();
  return exts.map((ext) => labelFor(ext, cache));
}
