namespace Platform.Web.Api;

/// <summary>Who acted, as a person reads it: members by name, automation rules and code hosts by what they are.</summary>
public static class Actors
{
    public static string NameOf(string actor, IReadOnlyDictionary<string, string> names) => names.GetValueOrDefault(actor) ?? actor switch
    {
        "" => "someone",
        "integration:github" => "GitHub",
        "integration:gitlab" => "GitLab",
        _ when actor.StartsWith("integration:", StringComparison.Ordinal) => "an integration",
        _ when actor.StartsWith("rule:", StringComparison.Ordinal) => "an automation rule",
        _ => actor,
    };

    /// <summary>The same, to begin a sentence with.</summary>
    public static string SentenceStart(string actor, IReadOnlyDictionary<string, string> names)
    {
        var name = NameOf(actor, names);
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }
}
