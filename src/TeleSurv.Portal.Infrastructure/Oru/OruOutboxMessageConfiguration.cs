using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Infrastructure.Oru;

internal sealed class OruOutboxMessageConfiguration : IEntityTypeConfiguration<OruOutboxMessage>
{
    public void Configure(EntityTypeBuilder<OruOutboxMessage> builder)
    {
        builder.ToTable("OruOutbox");

        // A number the database gives at insert: the order messages were written, which the sender keeps per patient.
        builder.HasKey(m => m.Sequence);
        builder.Property(m => m.Sequence).ValueGeneratedOnAdd();

        builder.Property(m => m.ControlId).HasMaxLength(OruOutboxMessage.ControlIdLength);
        builder.Property(m => m.CharacterSet).HasMaxLength(32);
        builder.Property(m => m.AckCode).HasMaxLength(2);
        builder.Property(m => m.AckText).HasMaxLength(OruOutboxMessage.MaxAckTextLength);
        builder.Property(m => m.LastError).HasMaxLength(OruOutboxMessage.MaxErrorLength);
        builder.Property(m => m.RequeuedBy).HasMaxLength(200);
        builder.Property(m => m.Version).IsConcurrencyToken();

        builder.HasIndex(m => m.ControlId).IsUnique();

        // The sender's two questions: what is due, and is anything of this patient still ahead of it.
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        builder.HasIndex(m => new { m.PatientId, m.Sequence });

        // A week of an enrollment is summarised once, even by two instances at once or after a restart. Reports
        // leave both columns null, which a unique index never compares on SQLite and PostgreSQL; on SQL Server, which
        // does, EF filters the NULLs out of the index (and the migration writes the same filter there). The
        // enrollment is not a foreign key: SQLite cannot add one to an existing table without rebuilding it.
        builder.HasIndex(m => new { m.EnrollmentId, m.Week }).IsUnique();

        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Establishment>().WithMany().HasForeignKey(m => m.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Alert>().WithMany().HasForeignKey(m => m.AlertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AlertReport>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}
