using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> builder)
    {
        builder.ToTable("StaffSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Method).HasMaxLength(32);
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.ProviderSessionId).HasMaxLength(StaffSession.ProviderSessionIdMaxLength);
        builder.Ignore(s => s.IsOpen);

        builder.HasOne<StaffMember>()
            .WithMany()
            .HasForeignKey(s => s.StaffMemberId)
            .OnDelete(DeleteBehavior.Cascade);

        // A member's open sessions: what sign-out, deactivation and the admin page look up.
        builder.HasIndex(s => new { s.StaffMemberId, s.EndedAt });

        // The sessions a provider's front-channel logout ends.
        builder.HasIndex(s => s.ProviderSessionId);
    }
}
