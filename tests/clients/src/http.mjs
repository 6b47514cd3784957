// What every client script shares: the server's URL, a report of each case, and a fetch
// that behaves like a browser's HTTP cache (keeps ETags, revalidates, uses 304s).
import assert from "node:assert/strict";

export const SERVER = process.argv[2];
assert.ok(SERVER, "usage: node <script> <server base URL>");
export const GRAPHQL = `${SERVER}/graphql`;

// One line per case, read by tests/clients/test_clients.py for the closing matrix.
export async function check(name, body) {
  try {
    await body();
    console.log(`PASS ${name}`);
  } catch (error) {
    console.log(`FAIL ${name}`);
    console.error(error);
    process.exitCode = 1;
  }
}

// A fetch with a private HTTP cache, as a browser has: a GET is sent with If-None-Match
// when a copy is held, and a 304 is answered from that copy. `log` records each exchange.
export function revalidatingFetch(headers = {}) {
  const copies = new Map();
  const log = [];
  const fetcher = async (input, init = {}) => {
    const url = String(input);
    const method = init.method ?? "GET";
    const sent = new Headers(init.headers);
    for (const [name, value] of Object.entries(headers)) sent.set(name, value);
    const held = method === "GET" ? copies.get(url) : undefined;
    if (held) sent.set("If-None-Match", held.etag);
    const response = await fetch(url, { ...init, headers: sent });
    log.push({ method, url, status: response.status, body: init.body });
    if (response.status === 304 && held) {
      return new Response(held.body, { status: 200, headers: held.headers });
    }
    const body = await response.text();
    const etag = response.headers.get("etag");
    if (method === "GET" && response.status === 200 && etag) {
      copies.set(url, { etag, body, headers: response.headers });
    }
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { fetch: fetcher, log };
}
