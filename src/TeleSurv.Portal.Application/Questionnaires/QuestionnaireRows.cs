using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Application.Questionnaires;

/// <summary>
/// The <see cref="Questionnaire"/> row of a shipped definition, which responses point to: stored the first time a
/// version is used, with the definition's exact JSON, and never changed afterwards.
/// </summary>
internal static class QuestionnaireRows
{
    public static async Task<Guid> EnsureStoredAsync(
        IPortalDbContextFactory dbContextFactory, QuestionnaireDefinition definition, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(dbContextFactory, definition, cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var published = QuestionnaireCatalog.Get(definition.Code, definition.Version);
        var row = new Questionnaire
        {
            Code = definition.Code,
            Version = definition.Version,
            Definition = published.Json,
            PublishedAt = now,
        };
        await using (var db = await dbContextFactory.CreateAsync(cancellationToken))
        {
            db.Questionnaires.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return row.Id;
            }
            catch (DbUpdateException)
            {
                // Another request stored it at the same moment (unique code and version): use theirs.
            }
        }

        return await FindAsync(dbContextFactory, definition, cancellationToken)
            ?? throw new InvalidOperationException($"Questionnaire '{definition.Code}' v{definition.Version} could not be stored.");
    }

    private static async Task<Guid?> FindAsync(
        IPortalDbContextFactory dbContextFactory, QuestionnaireDefinition definition, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        return await db.Questionnaires.AsNoTracking()
            .Where(q => q.Code == definition.Code && q.Version == definition.Version)
            .Select(q => (Guid?)q.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
