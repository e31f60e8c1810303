using System.Text.RegularExpressions;

namespace Platform.Webhooks.Inbound;

/// <summary>
/// The task keys a title, body or commit message names (<c>PLAT-12</c>, upper case, so "utf-8" is not a key), those a
/// branch names (any case: branches are often <c>plat-12-fix-login</c>), and those a text closes: a key after close(s/d),
/// fix(es/ed) or resolve(s/d), as GitHub and GitLab read closing keywords. Keys come back upper case, each once, in the
/// order they first appear.
/// </summary>
public static partial class TaskMentions
{
    /// <summary>A project key is 2 to 10 letters and digits starting with a letter; a task number has no leading zero.</summary>
    private const string Key = @"(?<![A-Za-z0-9])(?<key>[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,8})(?![A-Za-z0-9])";

    [GeneratedRegex(Key, RegexOptions.CultureInvariant)]
    private static partial Regex Keys();

    [GeneratedRegex(Key, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BranchKeys();

    [GeneratedRegex(@"(?<![A-Za-z])(?i:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+" + Key, RegexOptions.CultureInvariant)]
    private static partial Regex Closing();

    public static string[] In(params string?[] texts) => Find(Keys(), texts);

    public static string[] InBranch(string? branch) => Find(BranchKeys(), [branch]);

    public static string[] ClosedBy(params string?[] texts) => Find(Closing(), texts);

    /// <summary>The keys of the branch, then those of the texts, each once.</summary>
    public static string[] Union(string[] first, string[] second) => [.. first.Concat(second).Distinct(StringComparer.Ordinal)];

    private static string[] Find(Regex pattern, string?[] texts) =>
    [
        .. texts.Where(text => !string.IsNullOrEmpty(text))
            .SelectMany(text => pattern.Matches(text!).Select(match => match.Groups["key"].Value.ToUpperInvariant()))
            .Distinct(StringComparer.Ordinal),
    ];
}
