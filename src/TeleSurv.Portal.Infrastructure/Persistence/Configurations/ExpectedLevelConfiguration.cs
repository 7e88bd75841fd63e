using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class ExpectedLevelConfiguration : IEntityTypeConfiguration<ExpectedLevel>
{
    public void Configure(EntityTypeBuilder<ExpectedLevel> builder)
    {
        builder.ToTable("ExpectedLevels");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();

        builder.Property(l => l.ItemKey).HasMaxLength(64);
        builder.Property(l => l.Reason).HasMaxLength(500);

        // Grading looks up the expected levels of one enrolment's item.
        builder.HasIndex(l => new { l.EnrollmentId, l.ItemKey });

        builder.HasOne<Enrollment>().WithMany().HasForeignKey(l => l.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(l => l.SetById).OnDelete(DeleteBehavior.Restrict);
    }
}
