namespace Platform.Web.Components.Documents;

/// <summary>The kinds of document the collaboration service keeps, as the API names them and as people read them.</summary>
public static class DocumentTypes
{
    public static readonly (string Name, string Label)[] All =
        [("design_doc", "Design doc"), ("requirements", "Requirements"), ("architecture", "Architecture"), ("notes", "Notes")];

    public static string Label(string name) => All.FirstOrDefault(t => t.Name == name).Label ?? name;
}
