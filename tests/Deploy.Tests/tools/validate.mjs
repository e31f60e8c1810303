// Each object of a rendered kustomization (YAML on stdin) checked by kubernetes-models' validate(): required fields,
// types and formats against the API's schemas. Prints { checked, unchecked: [apiVersion/kind…], errors: [...] } as JSON.
import { parseAllDocuments } from "yaml";

// The packages holding models, tried in turn for an apiVersion (the kinds of CRDs they lack are reported unchecked).
const packages = ["kubernetes-models", "@kubernetes-models/gateway-api", "@kubernetes-models/external-secrets", "@kubernetes-models/gke"];

async function modelOf(apiVersion, kind) {
  for (const name of packages) {
    try {
      const module = await import(`${name}/${apiVersion}/${kind}`);
      if (module[kind]) return module[kind];
    } catch {
      // Not in this package.
    }
  }
  return null;
}

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
});
const result = { checked: 0, unchecked: [], errors: [] };
for (const document of parseAllDocuments(input)) {
  const object = document.toJS();
  if (!object) continue;
  const Model = await modelOf(object.apiVersion, object.kind);
  if (!Model) {
    result.unchecked.push(`${object.apiVersion}/${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
    result.checked++;
  } catch (error) {
    result.errors.push(`${object.kind} ${object.metadata?.name}: ${error.message}`);
  }
}
result.unchecked = [...new Set(result.unchecked)].sort();
console.log(JSON.stringify(result, null, 2));
