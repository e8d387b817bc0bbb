// Numbering of figures and tables within one page: counters are locals of the call.
export interface Numbered {
  readonly html: string;
  readonly figures: number;
  readonly tables: number;
}

export function numberFigures(html: string, labels = { figure: "Figure", table: "Table" }): Numbered {
  let figures = 0;
  let tables = 0;
  const nextFigure = () => ++figures;
  const nextTable = () => {
    tables += 1;
    return tables;
  };
  const out = html
    .replace(/<figcaption>/g, () => `<figcaption><span class="num">${labels.figure} ${nextFigure()}:</span> `)
    .replace(/<table>/g, () => `<table data-number="${nextTable()}">`);
  return { html: out, figures, tables };
}

export function makeIdGenerator(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${(n++).toString(36)}`;
}
