using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class PatientAccessLinkConfiguration : IEntityTypeConfiguration<PatientAccessLink>
{
    public void Configure(EntityTypeBuilder<PatientAccessLink> builder)
    {
        builder.ToTable("PatientAccessLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();

        builder.Property(l => l.TokenHash).HasMaxLength(64);

        builder.HasIndex(l => l.TokenHash).IsUnique();

        // One link in force per enrollment: issuing a new one revokes the others, and two simultaneous issues cannot both win.
        builder.HasIndex(l => l.EnrollmentId);
        builder.HasIndex(l => l.EnrollmentId, "IX_PatientAccessLinks_EnrollmentId_Unrevoked")
            .IsUnique()
            .HasFilter("\"RevokedAt\" IS NULL");

        builder.HasOne<Enrollment>().WithMany().HasForeignKey(l => l.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(l => l.IssuedById).OnDelete(DeleteBehavior.Restrict);
    }
}
