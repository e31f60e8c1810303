// Where UTF-16 units and code points part: characters outside the Basic Multilingual Plane (emoji, 𝄞) take two
// units and count as one code point. An AstralIndex knows how many such characters each line holds, so converting a
// position costs a sum over line counts and a scan of one line, not a scan of the document up to it.

const isHighSurrogate = (code) => code >= 0xd800 && code <= 0xdbff;

function countAstral(text, from = 0, to = text.length) {
  let count = 0;
  for (let i = from; i < to - 1; i++) {
    if (isHighSurrogate(text.charCodeAt(i))) {
      count++;
      i++;
    }
  }
  return count;
}

export class AstralIndex {
  /** @param {number[]} perLine astral characters in each line (index 0 is line 1) */
  constructor(perLine, total) {
    this.perLine = perLine;
    this.total = total;
  }

  static of(doc) {
    const perLine = [];
    let total = 0;
    for (const iter = doc.iterLines(); !iter.next().done;) {
      const count = countAstral(iter.value);
      perLine.push(count);
      total += count;
    }
    return new AstralIndex(perLine, total);
  }

  /** The index after `changes` turned `before` into `after`: only the lines the changes touched are counted again. */
  update(before, after, changes) {
    if (changes.empty) return this;
    const ranges = [];
    changes.iterChangedRanges((fromA, toA, fromB, toB) => ranges.push([fromA, toA, fromB, toB]));
    const perLine = this.perLine.slice();
    let total = this.total;
    // From the last range to the first, so the line numbers of earlier ranges stay valid while later ones change.
    for (let r = ranges.length - 1; r >= 0; r--) {
      const [fromA, toA, fromB, toB] = ranges[r];
      const firstA = before.lineAt(fromA).number;
      const lastA = before.lineAt(toA).number;
      const counts = [];
      for (let line = after.lineAt(fromB).number, last = after.lineAt(toB).number; line <= last; line++) {
        counts.push(countAstral(after.line(line).text));
      }
      for (let line = firstA; line <= lastA; line++) total -= perLine[line - 1];
      for (const count of counts) total += count;
      perLine.splice(firstA - 1, lastA - firstA + 1, ...counts);
    }
    return new AstralIndex(perLine, total);
  }

  /** Code points in doc before the UTF-16 position `pos` (a position inside a pair counts its first half as one). */
  toCodePoint(doc, pos) {
    if (this.total === 0) return pos;
    const line = doc.lineAt(pos);
    let astral = countAstral(line.text, 0, pos - line.from);
    for (let i = 0; i < line.number - 1; i++) astral += this.perLine[i];
    return pos - astral;
  }

  /** The UTF-16 position where code point `codePoint` of doc starts (clamped to its end). */
  toUtf16(doc, codePoint) {
    if (this.total === 0) return Math.min(codePoint, doc.length);
    // Each step moves on by the astral characters found before the position: a few steps at most, since each
    // accounts for every pair before where it lands.
    let pos = Math.min(codePoint, doc.length);
    for (let missing = codePoint - this.toCodePoint(doc, pos); missing > 0 && pos < doc.length;) {
      pos = Math.min(pos + missing, doc.length);
      missing = codePoint - this.toCodePoint(doc, pos);
    }
    // Landed between the halves of a pair: the code point boundary is after it.
    return pos > 0 && pos < doc.length && isHighSurrogate(doc.sliceString(pos - 1, pos).charCodeAt(0)) ? pos + 1 : pos;
  }
}
