using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

/// <summary>
/// The audit trail has no foreign keys on purpose: an entry must outlive and never block changes to what it names,
/// and it may name actors (system, unknown sign-in) that are not staff rows.
/// </summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();

        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Role).HasMaxLength(32);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.TargetType).HasMaxLength(100);
        builder.Property(a => a.TargetId).HasMaxLength(100);
        builder.Property(a => a.PreviousHash).HasMaxLength(128);
        builder.Property(a => a.Hash).HasMaxLength(128);
        builder.Property(a => a.ChainKeyId).HasMaxLength(64);

        builder.HasIndex(a => a.Sequence).IsUnique();
        // "Who accessed this patient's record": the question a patient or the DPO asks of the trail.
        builder.HasIndex(a => new { a.PatientId, a.At });
    }
}
