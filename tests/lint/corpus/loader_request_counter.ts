// Data loader for a product catalogue; counts API requests for the build log.
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly price: number;
}

const API = "https://shop.example.org/api";

let requests = 0; // expect: floe/no-module-mutable-state

async function get<T>(path: string): Promise<T> {
  requests++;
  const response = await fetch(`${API}${path}`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return await response.json() as T;
}

export async function products(category: string): Promise<readonly Product[]> {
  const list = await get<Product[]>(`/categories/${encodeURIComponent(category)}/products`);
  return Object.freeze(list.map((p) => Object.freeze({ ...p })));
}

export function requestCount(): number {
  return requests;
}
