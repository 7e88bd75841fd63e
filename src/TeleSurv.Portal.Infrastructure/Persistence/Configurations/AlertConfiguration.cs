using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();

        builder.Property(a => a.WorstItemKey).HasMaxLength(64);
        builder.Property(a => a.RulesVersion).HasMaxLength(32);
        builder.Property(a => a.Version).IsConcurrencyToken();

        // The triage queue: one establishment's open alerts, most urgent first, then by SLA.
        builder.HasIndex(a => new { a.EstablishmentId, a.Status, a.Priority, a.SlaDueAt });
        // The resolved history, last resolved first, or sorted by the time raised or due (the queue's column headers).
        builder.HasIndex(a => new { a.Status, a.ResolvedAt });
        builder.HasIndex(a => new { a.Status, a.RaisedAt });
        builder.HasIndex(a => new { a.Status, a.SlaDueAt });
        builder.HasIndex(a => new { a.PatientId, a.RaisedAt });

        // One missed-questionnaire alert per week of an enrollment, however many non-responder jobs run at once.
        builder.HasIndex(a => a.EnrollmentId);
        builder.HasIndex(a => new { a.EnrollmentId, a.WeekDueDate }, "IX_Alerts_EnrollmentId_WeekDueDate_NonResponder")
            .IsUnique()
            .HasFilter("\"Kind\" = 'NonResponder'");

        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(a => a.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Establishment>().WithMany().HasForeignKey(a => a.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuestionnaireResponse>().WithMany().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.ClaimedById).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(a => a.Findings, finding =>
        {
            finding.ToTable("AlertFindings");
            finding.WithOwner().HasForeignKey("AlertId");
            finding.Property<Guid>("Id").HasValueGenerator<Version7GuidValueGenerator>();
            finding.HasKey("Id");

            // The symptom filter of the queue: each alert's findings of one symptom, from the index alone.
            finding.HasIndex("AlertId", nameof(AlertFinding.ItemKey));
            finding.Property(f => f.ItemKey).HasMaxLength(64);
            finding.Property(f => f.Value).HasPrecision(6, 2);
        });
    }
}
