// HTML entity decoding with a table built by an IIFE while the module loads.
const ENTITIES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const pairs: [string, number][] = [
    ["amp", 38], ["lt", 60], ["gt", 62], ["quot", 34], ["apos", 39],
    ["nbsp", 160], ["copy", 169], ["reg", 174], ["hellip", 8230], ["mdash", 8212],
  ];
  for (const [name, code] of pairs) map.set(name, String.fromCodePoint(code));
  return map;
})();

const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;

export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X"
        ? parseInt(body.slice(2), 16)
        : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES.get(body.toLowerCase()) ?? whole;
  });
}

export function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
}
