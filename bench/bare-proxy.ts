import http from "node:http";
import { Agent, request } from "undici";

// The floor: the least a Node.js proxy can do (node:http in, undici out,
// bytes relayed, no auth, no parsing, no metering). Whatever our gateway adds
// beyond this is its own work; what this adds over direct is the price of a
// second HTTP hop on this machine. `node --import tsx bench/bare-proxy.ts <port> <upstream>`.
const [port, upstream] = process.argv.slice(2) as [string, string];
const agent = new Agent({ connections: 512, keepAliveTimeout: 30_000 });

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    request(`${upstream}${req.url}`, { method: "POST", dispatcher: agent, headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) })
      .then(async (up) => {
        res.writeHead(up.statusCode, { "content-type": String(up.headers["content-type"] ?? "application/json") });
        for await (const chunk of up.body) res.write(chunk);
        res.end();
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1", () => console.log(`bare proxy on ${port}`));
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
