using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Data;

namespace Platform.Notifications.Rules;

/// <summary>
/// <c>@handle</c> in a comment or document names a member: by their email's local part (<c>@ada</c> for
/// ada@example.com), their name without spaces or with dots (<c>@AdaLovelace</c>, <c>@ada.lovelace</c>), or their
/// first name when no other member has it. Case does not matter; an email address is no mention.
/// </summary>
public static partial class Mentions
{
    [GeneratedRegex(@"(?<![\w@.])@([\p{L}\p{N}](?:[\p{L}\p{N}._-]*[\p{L}\p{N}])?)")]
    private static partial Regex Handle();

    /// <summary>The handles written in <paramref name="text"/>, lower case.</summary>
    public static HashSet<string> HandlesIn(string text) =>
        Handle().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();

    /// <summary>The active members <paramref name="text"/> mentions.</summary>
    public static async Task<List<Person>> PeopleInAsync(NotificationsDbContext db, string text, CancellationToken cancellationToken)
    {
        var handles = text.Contains('@') ? HandlesIn(text) : [];
        if (handles.Count == 0)
        {
            return [];
        }

        var people = await db.People.AsNoTracking().Where(p => p.Active).ToListAsync(cancellationToken);
        var firstNames = people.GroupBy(FirstName).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        return [.. people.Where(p => HandlesOf(p).Any(handles.Contains) || (firstNames.GetValueOrDefault(FirstName(p)) == p && handles.Contains(FirstName(p))))];
    }

    private static IEnumerable<string> HandlesOf(Person person)
    {
        yield return person.Email[..Math.Max(0, person.Email.IndexOf('@'))].ToLowerInvariant();
        var words = person.DisplayName.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        yield return string.Concat(words);
        yield return string.Join('.', words);
    }

    private static string FirstName(Person person) => person.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant() ?? "";
}
