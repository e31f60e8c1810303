namespace Platform.Collaboration.Data;

/// <summary>Document types by the names the API and the database use: <c>design_doc</c>, <c>requirements</c>, <c>architecture</c>, <c>notes</c>.</summary>
public static class DocumentTypes
{
    private static readonly Dictionary<string, DocumentType> ByName = new(StringComparer.Ordinal)
    {
        ["design_doc"] = DocumentType.DesignDoc,
        ["requirements"] = DocumentType.Requirements,
        ["architecture"] = DocumentType.Architecture,
        ["notes"] = DocumentType.Notes,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static string Name(DocumentType type) => ByName.First(pair => pair.Value == type).Key;

    public static DocumentType Parse(string name) => ByName[name];

    public static bool TryParse(string? name, out DocumentType type) => ByName.TryGetValue(name ?? "", out type);
}
