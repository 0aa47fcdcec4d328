/**
 * Runs in a child process of test/build/bundles.test.ts, so each bundle registers into a fresh functions-framework
 * registry. Loads the bundle folder the way Cloud Functions does (through its package.json `main`), then reports to
 * the parent over IPC: whether the function is registered under its name, whether @duckdb/node-api can be resolved
 * from the bundle, and, when asked, the answer to one real HTTP request served by the framework's test server.
 *
 * Input (JSON in argv[2]): { dir, name, request?: { method, path } }
 */
const http = require('node:http');

async function main() {
  const { dir, name, request } = JSON.parse(process.argv[2]);
  // The framework the bundle itself resolves: the registry checked below is the one it registered into.
  const testing = require(require.resolve('@google-cloud/functions-framework/testing', { paths: [dir] }));
  require(dir);
  const report = {
    registered: typeof testing.getFunction(name) === 'function',
    duckdbResolvable: canResolve('@duckdb/node-api', dir),
  };
  if (request) report.response = await serveOne(testing.getTestServer(name), request);
  return report;
}

function canResolve(id, dir) {
  try {
    require.resolve(id, { paths: [dir] });
    return true;
  } catch {
    return false;
  }
}

async function serveOne(server, { method, path }) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.address().port, method, path }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

main().then(
  (report) => process.send(report, () => process.exit(0)),
  (error) => process.send({ error: String(error?.stack ?? error) }, () => process.exit(1)),
);
