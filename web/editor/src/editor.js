// The live document editor: CodeMirror 6 bound to the platform's OT client, which runs in the page's WebAssembly
// island (Web.Client's EditorSession). Local edits go to it as operations in code points, synchronously; remote
// operations and cursors come back the same way; others' edits stay out of this user's undo history.
import { Annotation, Compartment, EditorState, StateField, Transaction } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, keymap, placeholder } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import { markdownUpTo } from "./highlighting.js";
import { changesToOperation, operationToChanges } from "./offsets.js";
import { AstralIndex } from "./astral.js";
import { cursorTheme, remoteCursors, removeCursor, setCursor } from "./cursors.js";

const remote = Annotation.define();


/** Where the document's characters outside the Basic Multilingual Plane are, to count positions in code points. */
const astral = StateField.define({
  create: (state) => AstralIndex.of(state.doc),
  update: (index, tr) => (tr.docChanged ? index.update(tr.startState.doc, tr.state.doc, tr.changes) : index),
});

/**
 * Attaches images pasted or dropped into the text to the document (a POST of each to `uploadUrl`, which answers with
 * its markdown) and writes that markdown where the cursor is once it is attached; false when there is no image.
 */
function attachImages(view, files, uploadUrl, bridge) {
  const images = [...(files ?? [])].filter((file) => file.type.startsWith("image/"));
  for (const image of images) {
    const name = image.name || "pasted-image.png";
    fetch(`${uploadUrl}?name=${encodeURIComponent(name)}`, {
      method: "POST",
      body: image,
      credentials: "same-origin",
      headers: { "X-Platform-Upload": "1", "Content-Type": "application/octet-stream" },
    })
      .then(async (response) => {
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(answer.detail ?? answer.title ?? `${response.status}`);
        const at = view.state.selection.main.head;
        const insert = `${answer.markdown}\n`;
        view.dispatch({ changes: { from: at, insert }, selection: { anchor: at + insert.length } });
      })
      .catch((error) => bridge.invokeMethodAsync("AttachFailed", `${name} was not attached: ${error.message}`));
  }
  return images.length > 0;
}

/**
 * Creates the editor in `parent` with `text`. `bridge` is the island's DotNetObjectReference: it receives
 * Local(operation JSON), Selection(anchor, head) in code points, AttachFailed(message), and answers HasUnsentEdits().
 * Images pasted or dropped in are attached through `uploadUrl`.
 */
export function createEditor(parent, text, bridge, uploadUrl) {
  const editable = new Compartment();
  let selectionTimer = 0;
  const reportSelection = (view) => {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => {
      const { anchor, head } = view.state.selection.main;
      const index = view.state.field(astral);
      bridge.invokeMethod("Selection", index.toCodePoint(view.state.doc, anchor), index.toCodePoint(view.state.doc, head));
    }, 50);
  };

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        astral,
        remoteCursors,
        cursorTheme,
        editable.of(EditorView.editable.of(true)),
        history(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        markdownUpTo(text.length),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        placeholder("Start writing…"),
        EditorView.domEventHandlers({
          paste: (event, view) => attachImages(view, event.clipboardData?.files, uploadUrl, bridge) && (event.preventDefault(), true),
          drop: (event, view) => attachImages(view, event.dataTransfer?.files, uploadUrl, bridge) && (event.preventDefault(), true),
        }),
        // A tab stop of its own: its scroller is then reachable by keyboard (axe: scrollable-region-focusable).
        EditorView.contentAttributes.of({ "aria-label": "Document text", tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          for (const tr of update.transactions) {
            if (tr.docChanged && !tr.annotation(remote)) {
              const op = changesToOperation(tr.startState.doc, tr.changes, tr.startState.field(astral));
              bridge.invokeMethod("Local", JSON.stringify(op));
            }
          }
          if (update.selectionSet || update.docChanged) reportSelection(update.view);
        }),
      ],
    }),
  });

  const warnUnsent = (event) => {
    if (bridge.invokeMethod("HasUnsentEdits")) {
      event.preventDefault();
      event.returnValue = "";
    }
  };
  window.addEventListener("beforeunload", warnUnsent);
  // The browser knows before the connection does (an open WebSocket can hang for a long while): the session stops it
  // and connects again when the network is back.
  const networkChanged = () => bridge.invokeMethodAsync("NetworkChanged", navigator.onLine);
  window.addEventListener("online", networkChanged);
  window.addEventListener("offline", networkChanged);

  const codePointToUtf16 = (position) => view.state.field(astral).toUtf16(view.state.doc, position);
  // The whole text and its length (UTF-16 units), for scripts and tests: the DOM holds only the lines in view.
  Object.defineProperty(parent, "editorText", { get: () => view.state.doc.toString(), configurable: true });
  Object.defineProperty(parent, "editorLength", { get: () => view.state.doc.length, configurable: true });

  return {
    /**
     * Applies another client's operation (JSON, code points), transformed to this document by the OT client. Others'
     * edits stay out of this person's undo history, except (`undoable`) those an assistant made for them: one undo step each.
     */
    applyRemote(operationJson, undoable) {
      const changes = operationToChanges(view.state.doc, JSON.parse(operationJson), view.state.field(astral));
      const history = undoable ? isolateHistory.of("full") : Transaction.addToHistory.of(false);
      view.dispatch({ changes, annotations: [remote.of(true), history] });
    },
    /** Draws a collaborator's caret and selection (code points in this document). */
    setCursor(id, name, color, anchor, head) {
      view.dispatch({ effects: setCursor.of({ id, name, color, anchor: codePointToUtf16(anchor), head: codePointToUtf16(head) }) });
    },
    removeCursor(id) {
      view.dispatch({ effects: removeCursor.of(id) });
    },
    text: () => view.state.doc.toString(),
    setEditable(canEdit) {
      view.dispatch({ effects: editable.reconfigure(EditorView.editable.of(canEdit)) });
    },
    focus: () => view.focus(),
    destroy() {
      clearTimeout(selectionTimer);
      window.removeEventListener("beforeunload", warnUnsent);
      window.removeEventListener("online", networkChanged);
      window.removeEventListener("offline", networkChanged);
      view.destroy();
    },
  };
}
