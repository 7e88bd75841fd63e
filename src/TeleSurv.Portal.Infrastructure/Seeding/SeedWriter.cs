using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>
/// Inserts rows in batches: one SaveChanges per batch, change detection off (the rows are only ever added), and the
/// tracker cleared after each batch so that a large seed runs in flat memory. Rows must come principals first.
/// </summary>
internal sealed class SeedWriter(PortalDbContext db, int batchSize)
{
    private int _pending;

    /// <summary>Rows written so far, owned rows included.</summary>
    public int RowsWritten { get; private set; }

    public async Task AddAsync<T>(IEnumerable<T> entities, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var entity in entities)
        {
            db.Add(entity);
            _pending += 1 + OwnedRows(entity);
            if (_pending >= batchSize)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending == 0)
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        RowsWritten += _pending;
        _pending = 0;
    }

    private static int OwnedRows(object entity) => entity switch
    {
        QuestionnaireResponse response => response.Answers.Count,
        Alert alert => alert.Findings.Count,
        StaffMember member => member.Establishments.Count,
        _ => 0,
    };
}
