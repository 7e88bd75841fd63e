using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class AdtMovementConfiguration : IEntityTypeConfiguration<AdtMovement>
{
    public void Configure(EntityTypeBuilder<AdtMovement> builder)
    {
        builder.ToTable("AdtMovements");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();

        builder.Property(m => m.MovementId).HasMaxLength(64);
        builder.Property(m => m.MovementAuthority).HasMaxLength(64);
        builder.Property(m => m.Trigger).HasMaxLength(8);
        builder.Property(m => m.Nature).HasMaxLength(8);
        builder.Property(m => m.VisitNumber).HasMaxLength(64);
        builder.Property(m => m.LodgingUnit).HasMaxLength(64);
        builder.Property(m => m.MedicalUnitCode).HasMaxLength(64);
        builder.Property(m => m.MedicalUnitName).HasMaxLength(100);
        builder.Property(m => m.CareUnitCode).HasMaxLength(64);
        builder.Property(m => m.CareUnitName).HasMaxLength(100);
        builder.Property(m => m.CancelledBy).HasMaxLength(8);

        // ZBE-1 is never reused by the sender: the key of INSERT, UPDATE and CANCEL.
        builder.HasIndex(m => new { m.MovementAuthority, m.MovementId }).IsUnique();
        builder.HasIndex(m => new { m.PatientId, m.At });

        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
