using TeleSurv.Portal.Domain.Enrollments;

namespace TeleSurv.Portal.Domain.Tests.Enrollments;

public sealed class EnrollmentRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    [InlineData("2026-03-10", "2027-03-09", true)]
    [InlineData("2026-03-10", "2027-03-10", false)]
    [InlineData("2026-03-10", "2026-03-10", true)]
    [InlineData("2026-03-10", "2026-03-09", false)]
    [InlineData("2024-02-29", "2025-02-27", true)]
    [InlineData("2024-02-29", "2025-02-28", false)]
    public void A_prescription_lasts_at_most_one_year_start_day_included(string start, string end, bool allowed) =>
        Assert.Equal(allowed, Enrollment.IsPrescriptionWithinOneYear(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Consent_given_makes_the_follow_up_active_and_a_refusal_closes_it()
    {
        var given = New();
        var refused = New();

        given.RecordConsent(ConsentDecision.Given, Today, ConsentMethod.Paper, null, "Informé : pas un service d'urgence.");
        refused.RecordConsent(ConsentDecision.Refused, Today, ConsentMethod.Electronic, null, "Informé : pas un service d'urgence.");

        Assert.Equal(EnrollmentStatus.Active, given.Status);
        Assert.Equal((EnrollmentStatus.Ended, Enrollment.ConsentRefusedReason), (refused.Status, refused.StatusReason));
        Assert.False(refused.CanResumeOn(Today));
    }

    [Fact]
    public void Withdrawn_consent_ends_an_active_follow_up()
    {
        var enrollment = New();
        enrollment.RecordConsent(ConsentDecision.Given, Today, ConsentMethod.Paper, null, "Informé.");

        enrollment.RecordConsent(ConsentDecision.Refused, Today.AddDays(20), ConsentMethod.Paper, null, "Retrait du consentement.");

        Assert.Equal(EnrollmentStatus.Ended, enrollment.Status);
    }

    [Fact]
    public void Pause_resume_and_end_follow_each_other_in_order_only()
    {
        var enrollment = New();
        enrollment.RecordConsent(ConsentDecision.Given, Today, ConsentMethod.Paper, null, "Informé.");

        Assert.Throws<InvalidOperationException>(() => enrollment.Resume(Today, "Rien à reprendre."));
        enrollment.Pause("Hospitalisation.");
        Assert.Throws<InvalidOperationException>(() => enrollment.Pause("Encore."));
        Assert.False(enrollment.CanResumeOn(enrollment.PrescriptionEnd.AddDays(1)));
        enrollment.Resume(Today, "Retour.");
        enrollment.End("Fin du traitement.");
        Assert.Throws<InvalidOperationException>(() => enrollment.End("Encore."));
        Assert.Equal((EnrollmentStatus.Ended, "Fin du traitement."), (enrollment.Status, enrollment.StatusReason));
    }

    private static Enrollment New() => new()
    {
        PatientId = Guid.CreateVersion7(),
        EstablishmentId = Guid.CreateVersion7(),
        StartDate = Today,
        PrescriptionEnd = Today.AddMonths(6),
    };
}
