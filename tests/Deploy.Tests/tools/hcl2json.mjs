// The Terraform files named on the command line as one JSON array of { file, content } (hcl2json), for Deploy.Tests.
import { readFileSync } from "node:fs";
import { parse } from "@cdktf/hcl2json";

const documents = [];
for (const file of process.argv.slice(2)) {
  documents.push({ file, content: await parse(file, readFileSync(file, "utf8")) });
}
console.log(JSON.stringify(documents));
