// The UTF-16 ↔ code point mapping checked against ot-text-unicode, the operations' reference: random documents with
// emoji, combining marks and line breaks; random CodeMirror change sets with several edits; random operations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ChangeSet, Text } from "@codemirror/state";
import { type } from "ot-text-unicode";
import { changesToOperation, operationToChanges } from "../src/offsets.js";
import { AstralIndex } from "../src/astral.js";

const alphabet = ["a", "b", "z", " ", "\n", "é", "e\u0301", "😀", "👍🏽", "𝄞", "中", "ß"];
const cases = 2000;

function random(seed) {
  let state = seed * 2654435761 + 1;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

const randomText = (next, max) => Array.from({ length: next(max) }, () => alphabet[next(alphabet.length)]).join("");

/** UTF-16 positions that do not split a surrogate pair. */
function boundaries(text) {
  const positions = [0];
  for (const char of text) positions.push(positions[positions.length - 1] + char.length);
  return positions;
}

function randomChangeSet(next, text) {
  const cuts = boundaries(text);
  const picks = Array.from({ length: 2 * (1 + next(3)) }, () => cuts[next(cuts.length)]).sort((a, b) => a - b);
  const specs = [];
  for (let i = 0; i < picks.length; i += 2) {
    specs.push({ from: picks[i], to: next(2) ? picks[i + 1] : picks[i], insert: randomText(next, 4) });
  }
  return ChangeSet.of(specs, text.length);
}

function randomOperation(next, text) {
  const length = [...text].length;
  const op = [];
  let at = 0;
  while (at < length && next(3) > 0) {
    const skip = next(length - at + 1);
    if (skip > 0) op.push(skip);
    at += skip;
    const inserted = randomText(next, 4);
    if (inserted) op.push(inserted);
    const deleted = Math.min(next(4), length - at);
    if (deleted > 0) op.push({ d: deleted });
    at += deleted;
  }
  return type.normalize(op);
}

const docOf = (text) => Text.of(text.split("\n"));

test("a change set becomes the operation that makes the same text", () => {
  for (let seed = 0; seed < cases; seed++) {
    const next = random(seed);
    const text = randomText(next, 30);
    const doc = docOf(text);
    const changes = randomChangeSet(next, text);
    const op = changesToOperation(doc, changes, AstralIndex.of(doc));
    assert.equal(type.apply(text, op), changes.apply(doc).toString(), `case ${seed}: ${JSON.stringify(text)} ${JSON.stringify(op)}`);
  }
});

test("an operation becomes the changes that make the same text", () => {
  for (let seed = 0; seed < cases; seed++) {
    const next = random(seed);
    const text = randomText(next, 30);
    const doc = docOf(text);
    const op = randomOperation(next, text);
    const changes = ChangeSet.of(operationToChanges(doc, op, AstralIndex.of(doc)), doc.length);
    assert.equal(changes.apply(doc).toString(), type.apply(text, op), `case ${seed}: ${JSON.stringify(text)} ${JSON.stringify(op)}`);
  }
});

test("positions convert both ways at every character boundary", () => {
  for (let seed = 0; seed < cases; seed++) {
    const next = random(seed);
    const text = randomText(next, 30);
    const doc = docOf(text);
    const index = AstralIndex.of(doc);
    boundaries(text).forEach((utf16, codePoint) => {
      assert.equal(index.toCodePoint(doc, utf16), codePoint);
      assert.equal(index.toUtf16(doc, codePoint), utf16);
    });
  }
});

test("the index after a change set counts as one made afresh", () => {
  for (let seed = 0; seed < cases; seed++) {
    const next = random(seed);
    let text = randomText(next, 30);
    let index = AstralIndex.of(docOf(text));
    for (let step = 0; step < 5; step++) {
      const before = docOf(text);
      const changes = randomChangeSet(next, text);
      const after = changes.apply(before);
      index = index.update(before, after, changes);
      const fresh = AstralIndex.of(after);
      assert.deepEqual([index.perLine, index.total], [fresh.perLine, fresh.total], `case ${seed} step ${step}`);
      text = after.toString();
    }
  }
});
