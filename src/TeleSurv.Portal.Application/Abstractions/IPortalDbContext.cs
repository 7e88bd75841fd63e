using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Abstractions;

/// <summary>The portal's unit of work, as handlers see it. One instance per operation (see <see cref="IPortalDbContextFactory"/>).</summary>
public interface IPortalDbContext : IDisposable, IAsyncDisposable
{
    DbSet<Establishment> Establishments { get; }

    DbSet<StaffMember> StaffMembers { get; }

    DbSet<StaffSession> StaffSessions { get; }

    DbSet<Patient> Patients { get; }

    DbSet<Enrollment> Enrollments { get; }

    DbSet<PatientAccessLink> PatientAccessLinks { get; }

    DbSet<Questionnaire> Questionnaires { get; }

    DbSet<QuestionnaireResponse> QuestionnaireResponses { get; }

    DbSet<Alert> Alerts { get; }

    DbSet<TriageAction> TriageActions { get; }

    DbSet<AlertReport> AlertReports { get; }

    DbSet<ExpectedLevel> ExpectedLevels { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<OruOutboxMessage> OruOutbox { get; }
    DbSet<AdtMessageJournal> AdtMessages { get; }

    DbSet<AdtMovement> AdtMovements { get; }

    DatabaseFacade Database { get; }

    /// <summary>What the context tracks; inbound ADT clears it between messages committed together.</summary>
    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Creates a fresh context per operation: in Blazor Server a scoped context would be shared by a whole
/// circuit and is not thread-safe.
/// </summary>
public interface IPortalDbContextFactory
{
    Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default);
}
