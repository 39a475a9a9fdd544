// A merchant's webhook receiver for the end-to-end tests: a real node:http server on a free loopback port that
// records every request (headers and the exact body bytes) and answers 200.
import { createServer } from "node:http";

/** Starts the receiver; resolves with `{ url, received, close() }`. */
export function startReceiver() {
  const received = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        at: Date.now(),
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  return new Promise((resolve) => {
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/hooks/sceau`,
        received,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
