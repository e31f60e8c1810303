// Reads cases as JSON lines on stdin and answers each with what ot-text-unicode computes, one JSON line each.
// A case: {doc, a, b, c, cursor} where a and b are concurrent ops on doc and c follows a.
import { createInterface } from 'node:readline';
import otText from 'ot-text-unicode';

const { type } = otText;
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line) continue;
  const { doc, a, b, c, cursor } = JSON.parse(line);
  const afterA = type.apply(doc, a);
  console.log(JSON.stringify({
    afterA,
    aLeft: type.transform(a, b, 'left'),
    aRight: type.transform(a, b, 'right'),
    composed: type.compose(a, c),
    cursor: type.transformPosition(cursor, a),
  }));
}
