using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class AlertReportConfiguration : IEntityTypeConfiguration<AlertReport>
{
    public void Configure(EntityTypeBuilder<AlertReport> builder)
    {
        builder.ToTable("AlertReports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();

        builder.Property(r => r.CreatedByName).HasMaxLength(200);
        builder.Property(r => r.CorrectionNote).HasMaxLength(4000);
        builder.Property(r => r.WithdrawalReason).HasMaxLength(4000);
        builder.Ignore(r => r.IsCorrection);
        builder.Ignore(r => r.IsWithdrawal);

        // One row per version: two writers racing for the same version cannot both succeed.
        builder.HasIndex(r => new { r.AlertId, r.VersionNumber }).IsUnique();

        builder.HasOne<Alert>().WithMany().HasForeignKey(r => r.AlertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Establishment>().WithMany().HasForeignKey(r => r.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
