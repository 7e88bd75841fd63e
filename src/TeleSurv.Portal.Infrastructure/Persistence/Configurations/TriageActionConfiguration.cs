using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class TriageActionConfiguration : IEntityTypeConfiguration<TriageAction>
{
    public void Configure(EntityTypeBuilder<TriageAction> builder)
    {
        builder.ToTable("TriageActions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();

        builder.Property(t => t.StaffName).HasMaxLength(200);
        builder.Property(t => t.Note).HasMaxLength(4000);

        builder.HasIndex(t => new { t.AlertId, t.At });

        builder.HasOne<Alert>().WithMany().HasForeignKey(t => t.AlertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(t => t.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(t => t.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
