// Other people's carets and selections, drawn with their name and colour. Positions are kept in this document's
// UTF-16 units and moved through every change, local or remote, until the next report replaces them.
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, WidgetType } from "@codemirror/view";

export const setCursor = StateEffect.define();
export const removeCursor = StateEffect.define();

class Caret extends WidgetType {
  constructor(name, color) {
    super();
    this.name = name;
    this.color = color;
  }

  eq(other) {
    return other.name === this.name && other.color === this.color;
  }

  toDOM() {
    const caret = document.createElement("span");
    caret.className = "cm-remote-caret";
    caret.style.borderColor = this.color;
    const label = document.createElement("span");
    label.className = "cm-remote-name";
    label.style.backgroundColor = this.color;
    label.textContent = this.name;
    caret.appendChild(label);
    return caret;
  }

  ignoreEvent() {
    return true;
  }
}

function decorate(cursors) {
  const ranges = [];
  for (const cursor of cursors.values()) {
    const from = Math.min(cursor.anchor, cursor.head);
    const to = Math.max(cursor.anchor, cursor.head);
    if (from < to) {
      ranges.push(Decoration.mark({ class: "cm-remote-selection", attributes: { style: `background-color: ${cursor.color}33` } }).range(from, to));
    }
    ranges.push(Decoration.widget({ widget: new Caret(cursor.name, cursor.color), side: 1 }).range(cursor.head));
  }
  return Decoration.set(ranges, true);
}

export const remoteCursors = StateField.define({
  create: () => new Map(),
  update(cursors, tr) {
    let next = cursors;
    if (tr.docChanged) {
      next = new Map();
      for (const [id, cursor] of cursors) {
        next.set(id, { ...cursor, anchor: tr.changes.mapPos(cursor.anchor), head: tr.changes.mapPos(cursor.head) });
      }
    }
    for (const effect of tr.effects) {
      if (effect.is(setCursor)) {
        next = new Map(next).set(effect.value.id, effect.value);
      } else if (effect.is(removeCursor)) {
        next = new Map(next);
        next.delete(effect.value);
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, decorate),
});

export const cursorTheme = EditorView.baseTheme({
  ".cm-remote-caret": { position: "relative", borderLeft: "2px solid", marginLeft: "-1px", marginRight: "-1px" },
  ".cm-remote-name": {
    position: "absolute", top: "-1.35em", left: "-2px", fontSize: "11px", lineHeight: "1.2", color: "#fff",
    padding: "0 4px", borderRadius: "3px", whiteSpace: "nowrap", pointerEvents: "none", userSelect: "none",
  },
});
