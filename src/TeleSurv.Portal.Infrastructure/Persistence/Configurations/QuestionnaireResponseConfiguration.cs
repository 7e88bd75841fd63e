using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Infrastructure.Persistence.Configurations;

internal sealed class QuestionnaireResponseConfiguration : IEntityTypeConfiguration<QuestionnaireResponse>
{
    public void Configure(EntityTypeBuilder<QuestionnaireResponse> builder)
    {
        builder.ToTable("QuestionnaireResponses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();

        builder.Property(r => r.TemperatureCelsius).HasPrecision(4, 1);
        builder.Property(r => r.WeightKg).HasPrecision(5, 1);
        builder.Property(r => r.Comment).HasMaxLength(2000);
        builder.Property(r => r.GradingTableVersion).HasMaxLength(32);
        builder.Property(r => r.ContentHash).HasMaxLength(64);

        builder.HasIndex(r => new { r.EnrollmentId, r.WeekDueDate }).IsUnique();

        builder.HasOne<Enrollment>().WithMany().HasForeignKey(r => r.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Questionnaire>().WithMany().HasForeignKey(r => r.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(r => r.Answers, answer =>
        {
            answer.ToTable("ItemAnswers");
            answer.WithOwner().HasForeignKey("QuestionnaireResponseId");
            answer.Property<Guid>("Id").HasValueGenerator<Version7GuidValueGenerator>();
            answer.HasKey("Id");
            answer.Property(a => a.ItemKey).HasMaxLength(64);
            answer.HasIndex("QuestionnaireResponseId", nameof(ItemAnswer.ItemKey)).IsUnique();
        });
    }
}
