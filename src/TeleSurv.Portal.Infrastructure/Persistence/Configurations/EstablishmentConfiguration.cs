using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Establishments;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class EstablishmentConfiguration : IEntityTypeConfiguration<Establishment>
{
    public void Configure(EntityTypeBuilder<Establishment> builder)
    {
        builder.ToTable("Establishments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();

        builder.Property(e => e.Finess).HasMaxLength(9);
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Code).HasMaxLength(32);
        builder.Property(e => e.GhtName).HasMaxLength(200);
        builder.Property(e => e.UnitPhone).HasMaxLength(Establishment.UnitPhoneMaxLength);

        builder.HasIndex(e => e.Finess).IsUnique();
        builder.HasIndex(e => e.Code).IsUnique();
    }
}
