namespace Platform.Collaboration.Ot;

/// <summary>
/// Builds a normalized operation: empty components dropped, neighbours of one kind merged, no trailing skip.
/// These are the append rules of ot-text-unicode, so both sides produce the same JSON.
/// </summary>
public sealed class OperationBuilder
{
    private readonly List<OpComponent> _components = [];

    public OperationBuilder Skip(int count) => Append(OpComponent.Skip(count));

    public OperationBuilder Insert(string text) => Append(OpComponent.Insert(text));

    public OperationBuilder Delete(int count) => Append(OpComponent.Delete(count));

    public OperationBuilder Append(OpComponent component)
    {
        if (component.Length == 0)
        {
            return this;
        }
        if (_components.Count > 0 && _components[^1].Kind == component.Kind)
        {
            var last = _components[^1];
            _components[^1] = component.Kind switch
            {
                ComponentKind.Skip => OpComponent.Skip(last.Length + component.Length),
                ComponentKind.Delete => OpComponent.Delete(last.Length + component.Length),
                _ => OpComponent.Insert(last.Text + component.Text, last.Length + component.Length),
            };
            return this;
        }
        _components.Add(component);
        return this;
    }

    public TextOperation Build()
    {
        if (_components.Count > 0 && _components[^1].IsSkip)
        {
            _components.RemoveAt(_components.Count - 1);
        }
        return new TextOperation([.. _components]);
    }
}
