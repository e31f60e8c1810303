// CodeMirror counts UTF-16 units; the platform's operations (ot-text-unicode) count code points. These convert
// change sets and operations between the two, on the document they apply to, with its AstralIndex.

const codePointsBetween = (doc, from, to, index) => index.toCodePoint(doc, to) - index.toCodePoint(doc, from);

/**
 * A CodeMirror ChangeSet made on `doc` as an ot-text-unicode operation. A change set may hold several edits (multiple
 * cursors, a paste that replaces a selection): each skip counts from where the previous edit ended, in the old text.
 */
export function changesToOperation(doc, changes, index) {
  const op = [];
  let at = 0;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    const skip = codePointsBetween(doc, at, fromA, index);
    if (skip > 0) op.push(skip);
    const text = inserted.toString();
    if (text.length > 0) op.push(text);
    const deleted = codePointsBetween(doc, fromA, toA, index);
    if (deleted > 0) op.push({ d: deleted });
    at = toA;
  });
  return op;
}

/** An ot-text-unicode operation on `doc` as CodeMirror change specs (UTF-16 positions in `doc`). */
export function operationToChanges(doc, op, index) {
  const changes = [];
  let codePoint = 0;
  for (const component of op) {
    if (typeof component === "number") {
      codePoint += component;
    } else if (typeof component === "string") {
      changes.push({ from: index.toUtf16(doc, codePoint), insert: component });
    } else {
      const count = typeof component.d === "number" ? component.d : [...component.d].length;
      changes.push({ from: index.toUtf16(doc, codePoint), to: index.toUtf16(doc, codePoint + count) });
      codePoint += count;
    }
  }
  return changes;
}
