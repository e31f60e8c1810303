// Bundles the editor into the web client's static assets (one minified ES module). Run by Web.Client's build when
// a source changed; `node build.mjs` by hand does the same.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

await build({
  entryPoints: [here("src/editor.js")],
  outfile: here("../Web.Client/wwwroot/js/editor.js"),
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
});
