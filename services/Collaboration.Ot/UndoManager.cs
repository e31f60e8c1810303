namespace Platform.Collaboration.Ot;

/// <summary>
/// Undo and redo of one user's own edits while others keep editing. Each stack holds inverse operations, the top one
/// based on the current document; a remote edit rebases both stacks (top down, op by op), so undo removes exactly
/// what this user did and keeps everyone else's work.
/// </summary>
public sealed class UndoManager(int limit = UndoManager.DefaultLimit)
{
    public const int DefaultLimit = 200;

    private readonly List<TextOperation> _undo = [];
    private readonly List<TextOperation> _redo = [];

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>Remembers how to undo a local edit; <paramref name="mergeWithPrevious"/> folds it into the last step (typing a word).</summary>
    public void Record(TextOperation op, Rope before, bool mergeWithPrevious = false)
    {
        if (limit == 0)
        {
            return;
        }
        var inverse = TextOperation.Invert(op, before);
        _redo.Clear();
        if (mergeWithPrevious && _undo.Count > 0)
        {
            _undo[^1] = TextOperation.Compose(inverse, _undo[^1]);
            return;
        }
        _undo.Add(inverse);
        if (_undo.Count > limit)
        {
            _undo.RemoveAt(0);
        }
    }

    /// <summary>Rebases both stacks over an edit someone else made to the current document.</summary>
    public void Transform(TextOperation remote)
    {
        Rebase(_undo, remote);
        Rebase(_redo, remote);
    }

    /// <summary>The operation that undoes the last step, to apply to <paramref name="current"/>; null when there is none.</summary>
    public TextOperation? TakeUndo(Rope current) => Move(_undo, _redo, current);

    public TextOperation? TakeRedo(Rope current) => Move(_redo, _undo, current);

    private static TextOperation? Move(List<TextOperation> from, List<TextOperation> to, Rope current)
    {
        if (from.Count == 0)
        {
            return null;
        }
        var op = from[^1];
        from.RemoveAt(from.Count - 1);
        to.Add(TextOperation.Invert(op, current));
        return op;
    }

    private static void Rebase(List<TextOperation> stack, TextOperation remote)
    {
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var (mine, theirs) = TextOperation.TransformPair(stack[i], remote);
            stack[i] = mine;
            remote = theirs;
        }
    }
}
