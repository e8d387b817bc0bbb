// Callout kinds and their icons, derived once at load time.
const KINDS = ["note", "tip", "important", "warning", "caution"] as const;

type Kind = (typeof KINDS)[number];

const ICONS: Readonly<Record<Kind, string>> = Object.freeze(
  Object.fromEntries(KINDS.map((kind) => [kind, `/icons/${kind}.svg`])) as Record<Kind, string>,
);

const TITLES = new Map<Kind, string>();
KINDS.map((kind) => TITLES.set(kind, kind[0].toUpperCase() + kind.slice(1)));

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

export function callout(kind: string, body: string, title?: string): string {
  const k: Kind = isKind(kind) ? kind : "note";
  const heading = title ?? TITLES.get(k)!;
  return `<aside class="callout callout-${k}"><img src="${ICONS[k]}" alt=""><strong>${heading}</strong>${body}</aside>`;
}
