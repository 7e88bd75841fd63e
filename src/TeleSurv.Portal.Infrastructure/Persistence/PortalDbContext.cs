using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence;

/// <summary>The portal's EF Core context, kept provider-neutral: SQLite and PostgreSQL share one model and one migration set.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options), IPortalDbContext, IDataProtectionKeyContext
{
    public DbSet<Establishment> Establishments => Set<Establishment>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<PatientAccessLink> PatientAccessLinks => Set<PatientAccessLink>();

    public DbSet<Questionnaire> Questionnaires => Set<Questionnaire>();

    public DbSet<QuestionnaireResponse> QuestionnaireResponses => Set<QuestionnaireResponse>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<TriageAction> TriageActions => Set<TriageAction>();

    public DbSet<AlertReport> AlertReports => Set<AlertReport>();

    public DbSet<ExpectedLevel> ExpectedLevels => Set<ExpectedLevel>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OruOutboxMessage> OruOutbox => Set<OruOutboxMessage>();
    public DbSet<AdtMessageJournal> AdtMessages => Set<AdtMessageJournal>();

    public DbSet<AdtMovement> AdtMovements => Set<AdtMovement>();

    /// <summary>The data-protection key ring shared by every instance (cookies, antiforgery tokens), protected at rest.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewConcurrencyTokens();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewConcurrencyTokens();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Names rather than numbers: readable in SQL and unaffected by reordering the enum members.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);

        // SQLite has no date-time type and SQL Server's datetime2 has no zone: both hand back Unspecified kinds,
        // which the converter marks as UTC (what the portal writes). PostgreSQL's timestamptz already reads UTC.
        if (Database.IsSqlite() || Database.IsSqlServer())
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    /// <summary>
    /// A modified row whose Guid concurrency token the code did not renew gets a new one, so that a concurrent
    /// writer still holding the old value is refused even when a handler forgets to renew it.
    /// </summary>
    private void RenewConcurrencyTokens()
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.Metadata.IsConcurrencyToken && property.Metadata.ClrType == typeof(Guid) && !property.IsModified)
                {
                    property.CurrentValue = Guid.NewGuid();
                }
            }
        }
    }
}
