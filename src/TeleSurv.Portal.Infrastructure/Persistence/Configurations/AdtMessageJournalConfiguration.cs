using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Adt;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

/// <summary>
/// The ADT journal has no foreign keys, like the audit trail: it is the record of what the hospital sent, kept
/// whatever becomes of the patients and establishments it names (a rejected message may name no known one).
/// </summary>
internal sealed class AdtMessageJournalConfiguration : IEntityTypeConfiguration<AdtMessageJournal>
{
    public void Configure(EntityTypeBuilder<AdtMessageJournal> builder)
    {
        builder.ToTable("AdtMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Ignore(m => m.IsInErrorQueue);

        builder.Property(m => m.SendingApplication).HasMaxLength(100);
        builder.Property(m => m.SendingFacility).HasMaxLength(100);
        builder.Property(m => m.ControlId).HasMaxLength(64);
        builder.Property(m => m.MessageType).HasMaxLength(16);
        builder.Property(m => m.TriggerEvent).HasMaxLength(16);
        builder.Property(m => m.AckCode).HasMaxLength(2);
        builder.Property(m => m.Ipp).HasMaxLength(64);
        builder.Property(m => m.Summary).HasMaxLength(1000);
        builder.Property(m => m.Error).HasMaxLength(2000);
        builder.Property(m => m.HandledBy).HasMaxLength(200);

        // The duplicate check: MSH-10 is unique per sending application and facility.
        builder.HasIndex(m => new { m.SendingApplication, m.SendingFacility, m.ControlId }).IsUnique();
        builder.HasIndex(m => m.ReceivedAt);
        builder.HasIndex(m => new { m.Ipp, m.ReceivedAt });
        builder.HasIndex(m => new { m.Status, m.ReceivedAt });
        builder.HasIndex(m => m.PatientId);
    }
}
