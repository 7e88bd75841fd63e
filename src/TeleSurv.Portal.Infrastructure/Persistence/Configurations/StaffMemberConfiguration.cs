using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("StaffMembers");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();

        builder.Property(s => s.Login).HasMaxLength(256);
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.Property(s => s.Rpps).HasMaxLength(11);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.Team).HasMaxLength(64);

        builder.HasIndex(s => s.Login).IsUnique();

        // Part of the member's record: loaded with it (owned types are always included) and removed with it.
        builder.OwnsMany(s => s.Establishments, link =>
        {
            link.ToTable("StaffEstablishments");
            link.WithOwner().HasForeignKey(l => l.StaffMemberId);
            link.HasKey(l => new { l.StaffMemberId, l.EstablishmentId });
            link.HasOne(l => l.Establishment)
                .WithMany()
                .HasForeignKey(l => l.EstablishmentId)
                .OnDelete(DeleteBehavior.Restrict);
        });
    }
}
