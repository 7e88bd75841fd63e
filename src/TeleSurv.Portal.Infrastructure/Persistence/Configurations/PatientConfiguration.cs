using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("Patients");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();

        builder.Property(p => p.Ipp).HasMaxLength(64);
        builder.Property(p => p.IppAuthority).HasMaxLength(64);
        builder.Property(p => p.IppAuthorityNamespaceId).HasMaxLength(64);
        builder.Property(p => p.IppAuthorityUniversalId).HasMaxLength(128);
        builder.Property(p => p.IppAuthorityUniversalIdType).HasMaxLength(16);
        builder.Property(p => p.Ins).HasMaxLength(15);
        builder.Property(p => p.InsOid).HasMaxLength(64);
        builder.Property(p => p.BirthFamilyName).HasMaxLength(100);
        builder.Property(p => p.UsedFamilyName).HasMaxLength(100);
        builder.Property(p => p.FirstNames).HasMaxLength(200);
        builder.Property(p => p.UsedFirstName).HasMaxLength(100);
        builder.Property(p => p.BirthplaceCode).HasMaxLength(5);
        builder.Property(p => p.Phone).HasMaxLength(32);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.AddressLine).HasMaxLength(300);
        builder.Property(p => p.PostalCode).HasMaxLength(10);
        builder.Property(p => p.City).HasMaxLength(100);

        builder.HasIndex(p => new { p.IppAuthority, p.Ipp }).IsUnique();
        builder.HasIndex(p => p.Ins);
        builder.HasIndex(p => p.BirthFamilyName);
        builder.HasIndex(p => p.UsedFamilyName);

        builder.HasOne<Patient>()
            .WithMany()
            .HasForeignKey(p => p.MergedIntoPatientId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
