// Documents up to the limit are parsed as markdown; larger ones are plain text, and an edit across the limit switches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EditorState } from "@codemirror/state";
import { syntaxTree } from "@codemirror/language";
import { markdownUpTo } from "../src/highlighting.js";

const limit = 100;
const open = (text) => EditorState.create({ doc: text, extensions: markdownUpTo(text.length, limit) });
const parsed = (state) => syntaxTree(state).length > 0;

test("a document within the limit is markdown, a larger one plain text", () => {
  assert.equal(parsed(open("# Title\n\nSome *text*.")), true);
  assert.equal(parsed(open("x".repeat(limit + 1))), false);
});

test("edits across the limit switch highlighting off and back on", () => {
  let state = open("# Title\n");
  state = state.update({ changes: { from: state.doc.length, insert: "y".repeat(limit) } }).state;
  assert.equal(parsed(state), false);
  state = state.update({ changes: { from: 8, to: state.doc.length } }).state;
  assert.equal(parsed(state), true);
});
