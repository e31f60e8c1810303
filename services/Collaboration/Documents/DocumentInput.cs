using Platform.Collaboration.Data;

namespace Platform.Collaboration.Documents;

/// <summary>A new document: its project (by key), title, type and optional initial markdown.</summary>
public sealed record DocumentInput(string? Project, string? Title, string? Type, string? Content)
{
    public const int MaxTitleLength = 200;

    public Dictionary<string, string[]> Validate(int maxDocumentCodePoints)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Project))
        {
            errors["project"] = ["The key of the project the document belongs to."];
        }
        AddTitleErrors(Title, errors);
        if (!DocumentTypes.TryParse(Type, out _))
        {
            errors["type"] = [$"One of {string.Join(", ", DocumentTypes.Names)}."];
        }
        if (Content is not null && !Ot.CodePoints.IsWellFormed(Content))
        {
            errors["content"] = ["The text contains a lone UTF-16 surrogate."];
        }
        else if (Content is not null && Ot.CodePoints.Count(Content) > maxDocumentCodePoints)
        {
            errors["content"] = [$"At most {maxDocumentCodePoints} characters."];
        }
        return errors;
    }

    public static void AddTitleErrors(string? title, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            errors["title"] = [$"1 to {MaxTitleLength} characters."];
        }
    }
}

/// <summary>A rename.</summary>
public sealed record DocumentRename(string? Title);
