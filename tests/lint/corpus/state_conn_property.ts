// A headless CMS client kept in a module-level state object.
interface CmsConnection {
  query<T>(graphql: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

declare function connect(endpoint: string, token: string): Promise<CmsConnection>;

const state: { conn?: CmsConnection; queries: number } = { queries: 0 }; // expect: floe/no-module-mutable-state

async function connection(): Promise<CmsConnection> {
  if (!state.conn) {
    const endpoint = Deno.env.get("CMS_ENDPOINT") ?? "https://cms.example.org/graphql";
    const c = await connect(endpoint, Deno.env.get("CMS_TOKEN") ?? "");
    state.conn = c; // expect: floe/no-unguarded-singleton
  }
  return state.conn;
}

export async function loadPosts(): Promise<{ slug: string; title: string }[]> {
  const conn = await connection();
  state.queries++;
  const data = await conn.query<{ posts: { slug: string; title: string }[] }>(
    "{ posts { slug title } }",
  );
  return data.posts;
}

export async function loadPost(slug: string): Promise<{ title: string; body: string } | null> {
  const conn = await connection();
  state.queries++;
  const data = await conn.query<{ post: { title: string; body: string } | null }>(
    "query($slug: String!) { post(slug: $slug) { title body } }",
    { slug },
  );
  return data.post;
}
