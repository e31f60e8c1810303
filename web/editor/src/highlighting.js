// Markdown's highlighting reads every top-level block again on each keystroke (about 6 µs a kilobyte here: 15 ms a
// key at a megabyte, most of a frame), so larger documents are edited as plain text, as code editors do with very
// large files.
import { Compartment, EditorState } from "@codemirror/state";
import { markdown } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";

/** The largest document (UTF-16 units) highlighted as markdown. */
export const HighlightLimit = 256 * 1024;

/**
 * Markdown and its highlighting for a document opened with `length` units, while it holds at most `limit`; edits
 * that cross the limit switch them off or on.
 */
export function markdownUpTo(length, limit = HighlightLimit) {
  const language = new Compartment();
  const forLength = (units) => (units <= limit ? [markdown(), syntaxHighlighting(defaultHighlightStyle, { fallback: true })] : []);
  return [
    language.of(forLength(length)),
    EditorState.transactionExtender.of((tr) =>
      tr.docChanged && (tr.startState.doc.length <= limit) !== (tr.newDoc.length <= limit)
        ? { effects: language.reconfigure(forLength(tr.newDoc.length)) }
        : null),
  ];
}
