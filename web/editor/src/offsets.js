// CodeMirror counts UTF-16 units; the platform's operations (ot-text-unicode) count code points. These convert
// positions, change sets and operations between the two, on the document they apply to.

const isHighSurrogate = (code) => code >= 0xd800 && code <= 0xdbff;

/** True when the text has no character outside the Basic Multilingual Plane: then both units agree. */
export function isBmpOnly(text) {
  for (let i = 0; i < text.length; i++) {
    if (isHighSurrogate(text.charCodeAt(i))) return false;
  }
  return true;
}

/** Code points in doc between two UTF-16 positions. */
export function codePointsBetween(doc, from, to, bmpOnly) {
  if (bmpOnly || from === to) return to - from;
  let count = 0;
  for (const iter = doc.iterRange(from, to); !iter.next().done;) {
    const chunk = iter.value;
    count += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      if (isHighSurrogate(chunk.charCodeAt(i))) count--;
    }
  }
  return count;
}

/** The UTF-16 position reached by moving `codePoints` code points forward from `from` in doc (clamped to its end). */
export function advance(doc, from, codePoints, bmpOnly) {
  if (bmpOnly) return Math.min(from + codePoints, doc.length);
  let pos = from;
  let left = codePoints;
  for (const iter = doc.iterRange(from, doc.length); left > 0 && !iter.next().done;) {
    const chunk = iter.value;
    let i = 0;
    while (left > 0 && i < chunk.length) {
      i += isHighSurrogate(chunk.charCodeAt(i)) && i + 1 < chunk.length ? 2 : 1;
      left--;
    }
    pos += i;
  }
  return pos;
}

export const toCodePoint = (doc, pos, bmpOnly) => codePointsBetween(doc, 0, pos, bmpOnly);

export const toUtf16 = (doc, codePoint, bmpOnly) => advance(doc, 0, codePoint, bmpOnly);

/**
 * A CodeMirror ChangeSet made on `doc` as an ot-text-unicode operation. A change set may hold several edits (multiple
 * cursors, a paste that replaces a selection): each skip counts from where the previous edit ended, in the old text.
 */
export function changesToOperation(doc, changes, bmpOnly) {
  const op = [];
  let at = 0;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    const skip = codePointsBetween(doc, at, fromA, bmpOnly);
    if (skip > 0) op.push(skip);
    const text = inserted.toString();
    if (text.length > 0) op.push(text);
    const deleted = codePointsBetween(doc, fromA, toA, bmpOnly);
    if (deleted > 0) op.push({ d: deleted });
    at = toA;
  });
  return op;
}

/** An ot-text-unicode operation on `doc` as CodeMirror change specs (UTF-16 positions in `doc`). */
export function operationToChanges(doc, op, bmpOnly) {
  const changes = [];
  let pos = 0;
  for (const component of op) {
    if (typeof component === "number") {
      pos = advance(doc, pos, component, bmpOnly);
    } else if (typeof component === "string") {
      changes.push({ from: pos, insert: component });
    } else {
      const count = typeof component.d === "number" ? component.d : [...component.d].length;
      const to = advance(doc, pos, count, bmpOnly);
      changes.push({ from: pos, to });
      pos = to;
    }
  }
  return changes;
}
