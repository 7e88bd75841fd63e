using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.ToTable("Enrollments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();

        builder.Property(e => e.NurseTeam).HasMaxLength(64);
        builder.Property(e => e.Regimen).HasMaxLength(200);
        builder.Property(e => e.StatusReason).HasMaxLength(500);
        builder.Property(e => e.ConsentInformation).HasMaxLength(4000);
        builder.Property(e => e.Version).IsConcurrencyToken();

        builder.HasIndex(e => e.PatientId);
        builder.HasIndex(e => new { e.EstablishmentId, e.Status });

        builder.HasOne<Patient>().WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Establishment>().WithMany().HasForeignKey(e => e.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.ReferringOncologistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.ConsentRecordedById).OnDelete(DeleteBehavior.Restrict);
    }
}
