// Search service client (Algolia-like) used by a data loader.
interface Hit {
  readonly url: string;
  readonly title: string;
}

declare function openIndex(appId: string, key: string, name: string): Promise<
  { search(q: string): Promise<Hit[]> }
>;

export class SearchClient {
  static instance?: SearchClient; // expect: floe/no-module-mutable-state

  private constructor(private readonly index: { search(q: string): Promise<Hit[]> }) {}

  static async get(): Promise<SearchClient> {
    if (!SearchClient.instance) {
      const index = await openIndex(Deno.env.get("APP_ID") ?? "", Deno.env.get("KEY") ?? "", "pages");
      SearchClient.instance = new SearchClient(index); // expect: floe/no-unguarded-singleton
    }
    return SearchClient.instance;
  }

  search(q: string): Promise<Hit[]> {
    return this.index.search(q);
  }
}

export async function relatedByTitle(title: string): Promise<Hit[]> {
  const client = await SearchClient.get();
  return (await client.search(title)).slice(0, 5);
}
