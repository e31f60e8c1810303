using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Rules;

/// <summary>
/// A document that comes to mention someone tells them once; a later version that still mentions them tells nothing
/// new, and one that drops and restores the mention tells them again. Document events carry no author, so a person
/// who mentions themselves is told too.
/// </summary>
public sealed class DocumentMentions(NotificationsDbContext db, Notifier notifier) : IHandles<DocumentChanged>
{
    public async Task HandleAsync(DocumentChanged changed, CancellationToken cancellationToken)
    {
        if (!changed.Deleted && changed.Text is null)
        {
            return;
        }

        var before = await db.DocumentMentions.Where(m => m.DocumentId == changed.DocumentId).ToListAsync(cancellationToken);
        var now = changed.Deleted ? [] : await Mentions.PeopleInAsync(db, changed.Text!, cancellationToken);
        db.DocumentMentions.RemoveRange(before.Where(m => !now.Exists(p => p.UserId == m.UserId)));
        var added = now.Where(p => !before.Exists(m => m.UserId == p.UserId)).ToList();
        db.DocumentMentions.AddRange(added.Select(p => new DocumentMention { DocumentId = changed.DocumentId, UserId = p.UserId, OrganizationId = changed.OrganizationId }));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.TellAsync(changed, added.ConvertAll(p => p.UserId), new Notice(
            NoticeKinds.Mentioned, TemplateNames.MentionedInDocument, new Dictionary<string, object> { ["document"] = changed.Title, ["version"] = changed.Version },
            $"documents/{changed.DocumentId}", null, ""), cancellationToken);
    }
}
