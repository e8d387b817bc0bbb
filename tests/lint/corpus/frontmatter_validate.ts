// Validates front matter against a small schema declared as a constant.
const SCHEMA = {
  title: { type: "string", required: true },
  date: { type: "string", required: false },
  tags: { type: "array", required: false },
  draft: { type: "boolean", required: false },
  weight: { type: "number", required: false },
} as const;

type Field = keyof typeof SCHEMA;

export interface Problem {
  readonly field: string;
  readonly message: string;
}

function typeOf(value: unknown): string {
  return Array.isArray(value) ? "array" : typeof value;
}

export function validateFrontMatter(data: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const field of Object.keys(SCHEMA) as Field[]) {
    const rule = SCHEMA[field];
    const value = data[field];
    if (value === undefined) {
      if (rule.required) problems.push({ field, message: "is required" });
      continue;
    }
    if (typeOf(value) !== rule.type) {
      problems.push({ field, message: `must be a ${rule.type}, not ${typeOf(value)}` });
    }
  }
  for (const key of Object.keys(data)) {
    if (!(key in SCHEMA) && !key.startsWith("x-")) {
      problems.push({ field: key, message: "is not a known field" });
    }
  }
  return problems;
}
