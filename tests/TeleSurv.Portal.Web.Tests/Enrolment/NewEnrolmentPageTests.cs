using Bunit;
using Bunit.Rendering;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Web.Components.Enrolment;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Enrolment;

/// <summary>The enrolment form: what the application would refuse is said on the field, before anything is sent.</summary>
public sealed class NewEnrolmentPageTests : PortalComponentTest
{
    private static readonly StaffChoice Lefevre = new(Guid.CreateVersion7(), "Dr Sophie Lefèvre");
    private static readonly StaffChoice Martin = new(Guid.CreateVersion7(), "Dr Paul Martin");
    private static readonly EstablishmentChoices Rivemont = new(Guid.CreateVersion7(), "RIV", "CH Rivemont", [Lefevre, Martin], ["HDJ"]);

    private static readonly PatientSearchRow Fontaine = new(
        Guid.CreateVersion7(), "FONTAINE Odile", new DateOnly(1961, 9, 14), 65, Sex.Female, "90017342", "RIV", null,
        IdentityStatus.Provisional, PatientSource.Manual, []);

    private readonly Guid _created = Guid.CreateVersion7();
    private readonly Guid _enrollment = Guid.CreateVersion7();
    private readonly RecordingSender _sender = new();
    private bool _known;

    public NewEnrolmentPageTests()
    {
        _sender
            .On<GetEnrollmentChoicesQuery, IReadOnlyList<EstablishmentChoices>>(_ => [Rivemont])
            .On<SearchPatientsQuery, PagedResult<PatientSearchRow>>(_ => new PagedResult<PatientSearchRow>(_known ? [Fontaine] : [], _known ? 1 : 0, 1, 20))
            .On<CreateProvisionalPatientCommand, Guid>(_ => _created)
            .On<EnrolPatientCommand, EnrolmentCreated>(_ => new EnrolmentCreated(_enrollment, EnrollmentStatus.Active, Guid.CreateVersion7()));
        Services.AddSingleton<ISender>(_sender);
        Services.AddTransient<IValidator<EnrolPatientCommand>>(_ => new EnrolPatientCommandValidator(TimeProvider.System));
        Services.AddTransient<IValidator<CreateProvisionalPatientCommand>>(_ => new CreateProvisionalPatientCommandValidator(TimeProvider.System));
    }

    [Fact]
    public void A_provisional_patient_missing_its_ipp_and_birth_date_is_refused_on_those_fields_and_nothing_is_sent()
    {
        var page = ProvisionalForm();

        page.Find("[data-action='create-provisional']").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "IPP : chiffres, lettres et tirets seulement.", ErrorOf(page, "p-ipp"), StringComparison.Ordinal));
        Assert.Contains("Saisissez une date de naissance passée.", ErrorOf(page, "p-birth-date"), StringComparison.Ordinal);
        // The name typed in the search is taken: no message on it.
        Assert.Equal("FONTAINE", page.Find("#p-birth-name").GetAttribute("value"));
        Assert.Equal(string.Empty, ErrorOf(page, "p-birth-name"));
        Assert.Empty(_sender.SentOf<CreateProvisionalPatientCommand>());
    }

    [Fact]
    public void The_ins_is_grouped_as_on_the_carte_vitale_a_wrong_key_is_said_on_its_field_and_the_right_one_is_sent_without_spaces()
    {
        var page = ProvisionalForm();
        page.Find("#p-ipp").Change("90017342");
        page.Find("#p-birth-date").Change("1961-09-14");

        // 2 61 09 75 115 012: its key is 07; 08 is a digit mistyped.
        page.Find("#p-ins").Change("261097511501208");

        Assert.Equal("2 61 09 75 115 012 08", page.Find("#p-ins").GetAttribute("value"));
        page.WaitForAssertion(() => Assert.Contains(
            "La clé de l'INS ne correspond pas à ses 13 premiers chiffres", ErrorOf(page, "p-ins"), StringComparison.Ordinal));
        page.Find("[data-action='create-provisional']").Click();
        Assert.Empty(_sender.SentOf<CreateProvisionalPatientCommand>());

        page.Find("#p-ins").Change("2 61 09 75 115 012 07");
        page.WaitForAssertion(() => Assert.Equal(string.Empty, ErrorOf(page, "p-ins")));
        page.Find("[data-action='create-provisional']").Click();

        page.WaitForAssertion(() => Assert.Single(_sender.SentOf<CreateProvisionalPatientCommand>()));
        var sent = _sender.SentOf<CreateProvisionalPatientCommand>().Single();
        Assert.Equal("261097511501207", sent.Ins);
        Assert.Equal("90017342", sent.Ipp);
        Assert.Equal(new DateOnly(1961, 9, 14), sent.BirthDate);
        Assert.Equal(Rivemont.EstablishmentId, sent.EstablishmentId);
        page.WaitForAssertion(() => Assert.Contains("FONTAINE Odile", page.Find("#enrol-title").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void An_ins_too_short_is_refused_on_its_field_and_one_of_another_sex_is_a_warning()
    {
        var page = ProvisionalForm();
        page.Find("#p-birth-date").Change("1961-09-14");

        page.Find("#p-ins").Change("26109751150");

        Assert.Equal("2 61 09 75 115 0", page.Find("#p-ins").GetAttribute("value"));
        page.WaitForAssertion(() => Assert.Contains("L'INS compte 15 caractères", ErrorOf(page, "p-ins"), StringComparison.Ordinal));

        // A man's INS (1 ...) with its right key, for a woman: accepted, with a warning under the field.
        page.Find("#p-ins").Change("161097511501257");
        page.WaitForAssertion(() => Assert.Equal(string.Empty, ErrorOf(page, "p-ins")));
        Assert.Contains("Le premier chiffre de l'INS indique l'autre sexe", HelpOf(page, "p-ins"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_oncologist_is_found_by_part_of_the_name_accents_aside_and_sent_with_the_enrolment()
    {
        var page = EnrolmentForm();

        page.Find("#e-oncologist").Input("lefev");
        page.WaitForAssertion(() => Assert.Contains("Dr Sophie Lefèvre", Options(page), StringComparer.Ordinal));
        Assert.DoesNotContain("Dr Paul Martin", Options(page), StringComparer.Ordinal);
        page.FindAll(".mud-popover-open .mud-list-item").Single(o => o.TextContent.Contains("Lefèvre", StringComparison.Ordinal)).Click();
        page.Find(EmergencyBox).Change(true);
        Enrol(page);
        Confirm(page, "Enregistrer l'inclusion");

        page.WaitForAssertion(() => Assert.Single(_sender.SentOf<EnrolPatientCommand>()));
        var sent = _sender.SentOf<EnrolPatientCommand>().Single();
        Assert.Equal(Lefevre.StaffMemberId, sent.ReferringOncologistId);
        Assert.Equal(Fontaine.PatientId, sent.PatientId);
        Assert.Equal(Rivemont.EstablishmentId, sent.EstablishmentId);
        Assert.Equal(ConsentDecision.Given, sent.ConsentDecision);
        Assert.True(sent.InformedNotForEmergencies);
        Assert.EndsWith($"enrolment/{Fontaine.PatientId}/{_enrollment}?created=1", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_no_oncologist_has_finds_none_and_the_enrolment_names_none()
    {
        var page = EnrolmentForm();

        page.Find("#e-oncologist").Input("Durand");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-no-oncologist]")));
        Assert.Empty(Options(page));
    }

    [Fact]
    public void Consent_is_not_recorded_without_the_box_ticked()
    {
        var page = EnrolmentForm();

        Enrol(page);

        page.WaitForAssertion(() => Assert.Contains(
            "Le patient doit être informé que le service n'est pas un service d'urgence.",
            page.Find("#c-emergency-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("Certains champs sont à corriger.", page.Find("[data-form-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".mud-dialog"));
        Assert.Empty(_sender.SentOf<EnrolPatientCommand>());

        page.Find(EmergencyBox).Change(true);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#c-emergency-error")));
    }

    [Fact]
    public void A_consent_dated_tomorrow_is_refused_on_its_field_and_cancelling_the_confirmation_sends_nothing()
    {
        var page = EnrolmentForm();
        page.Find(EmergencyBox).Change(true);
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        page.Find("#c-date").Change(tomorrow);
        Enrol(page);

        page.WaitForAssertion(() => Assert.Contains(
            "La date du consentement ne peut pas être dans le futur.", ErrorOf(page, "c-date"), StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".mud-dialog"));

        page.Find("#c-date").Change(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Enrol(page);
        Confirm(page, "Annuler");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Empty(_sender.SentOf<EnrolPatientCommand>());
    }

    private const string EmergencyBox = "[data-field='InformedNotForEmergencies'] input[type='checkbox']";

    private IRenderedComponent<ContainerFragment> ProvisionalForm()
    {
        var page = RenderPage();
        page.Find("#enrol-term").Input("FONTAINE Odile");
        page.Find("form[role='search']").Submit();
        page.WaitForElement("[data-empty='patients']");
        page.Find("[data-action='show-provisional']").Click();
        return page;
    }

    private IRenderedComponent<ContainerFragment> EnrolmentForm()
    {
        _known = true;
        var page = RenderPage();
        page.Find("#enrol-term").Input("FONTAINE");
        page.Find("form[role='search']").Submit();
        page.WaitForElement($"[data-patient-id='{Fontaine.PatientId}'] [data-action='choose']").Click();
        page.WaitForElement("#enrol-title");
        return page;
    }

    private IRenderedComponent<ContainerFragment> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<NewEnrolmentPage>(2);
        builder.CloseComponent();
    });

    private static void Enrol(IRenderedComponent<ContainerFragment> page) => page.Find("[data-action='enrol']").Click();

    private static void Confirm(IRenderedComponent<ContainerFragment> page, string button)
    {
        var dialog = page.WaitForElement(".mud-dialog");
        Assert.Contains("FONTAINE Odile", dialog.TextContent, StringComparison.Ordinal);
        dialog.QuerySelectorAll("button").Single(b => b.TextContent.Contains(button, StringComparison.Ordinal)).Click();
    }

    private static List<string> Options(IRenderedComponent<ContainerFragment> page) =>
        [.. page.FindAll(".mud-popover-open .mud-list-item").Select(o => o.TextContent.Trim())];

    private static string HelpOf(IRenderedComponent<ContainerFragment> page, string inputId) =>
        page.Find($"#{inputId}").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? string.Empty;

    /// <summary>The message under a field, empty when there is none.</summary>
    private static string ErrorOf(IRenderedComponent<ContainerFragment> page, string inputId)
    {
        var field = page.Find($"#{inputId}").Closest(".mud-input-control");
        return field?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? string.Empty;
    }
}
