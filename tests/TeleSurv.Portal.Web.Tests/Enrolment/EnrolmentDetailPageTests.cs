using Bunit;
using Bunit.Rendering;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Web.Components.Enrolment;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Enrolment;

/// <summary>A follow-up: its cards, the patient's link shown once with its expiry in the establishment's zone, and the acts asked first.</summary>
public sealed class EnrolmentDetailPageTests : PortalComponentTest
{
    private const string Token = "jopjL9rr-wGRb64RP_uBtp8Bwf-ACAx8ROYmroU6VmM";
    private static readonly Guid PatientId = Guid.CreateVersion7();
    private static readonly Guid EnrollmentId = Guid.CreateVersion7();
    private static readonly Guid Version = Guid.CreateVersion7();

    // 23:30 UTC on 7 January is already the 8th in Paris.
    private static readonly DateTime Expiry = new(2027, 1, 7, 23, 30, 0, DateTimeKind.Utc);

    private readonly RecordingSender _sender = new();
    private PatientLinkSummary? _link = new(Guid.CreateVersion7(), new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), Expiry);

    public EnrolmentDetailPageTests()
    {
        _sender
            .On<GetEnrollmentQuery, EnrollmentDetail>(_ => Detail(_link))
            .On<IssuePatientLinkCommand, IssuedPatientLink>(_ => new IssuedPatientLink(Guid.CreateVersion7(), Token, Expiry))
            .On<EndEnrollmentCommand, EnrollmentStatusChanged>(_ => new EnrollmentStatusChanged(EnrollmentStatus.Ended, Guid.CreateVersion7()));
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton(Options.Create(new ScheduleOptions()));
        RenderPagesLive();
    }

    [Fact]
    public void The_follow_up_shows_its_state_as_a_chip_and_the_consent_as_written()
    {
        var page = RenderPage();

        var status = page.WaitForElement("[data-enrollment-status='Active']");
        Assert.Contains("mud-chip", status.ClassName, StringComparison.Ordinal);
        Assert.Contains("Suivi actif", status.TextContent, StringComparison.Ordinal);
        Assert.Equal("Notice remise.\nDroit de retrait expliqué.", page.Find(".consent-text").TextContent);
        Assert.Contains("2 61 09 75 115 012 07", page.Markup, StringComparison.Ordinal);
        Assert.Contains("08/01/2027 00:30 (Europe/Paris)", page.Find("[data-link-state='active']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_link_replacing_the_one_in_force_is_asked_first_and_cancelling_issues_nothing()
    {
        var page = RenderPage();

        page.WaitForElement("[data-action='issue-link']").Click();
        var dialog = page.WaitForElement(".mud-dialog");
        Assert.Contains("cessera de fonctionner", dialog.TextContent, StringComparison.Ordinal);
        Button(dialog, "Annuler").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Empty(_sender.SentOf<IssuePatientLinkCommand>());
        Assert.Empty(page.FindAll("[data-issued-link]"));
    }

    [Fact]
    public void A_first_link_is_issued_at_once_shown_once_with_its_expiry_in_the_establishment_s_zone_and_copied()
    {
        _link = null;
        var page = RenderPage();

        page.WaitForElement("[data-action='issue-link']").Click();

        var panel = page.WaitForElement("[data-issued-link]");
        Assert.Empty(page.FindAll(".mud-dialog"));
        Assert.Equal(new IssuePatientLinkCommand(PatientId, EnrollmentId), Assert.Single(_sender.SentOf<IssuePatientLinkCommand>()));
        Assert.EndsWith("p/" + Token, page.Find("#issued-link-url").GetAttribute("value"), StringComparison.Ordinal);
        Assert.Contains("Valable jusqu'au 08/01/2027 00:30 (Europe/Paris)", panel.TextContent, StringComparison.Ordinal);

        page.Find("[data-action='copy-link']").Click();
        var copy = Assert.Single(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.EndsWith("p/" + Token, (string)copy.Arguments[0]!, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("Copié", page.Find("[data-action='copy-link']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_clipboard_refused_leaves_the_link_to_copy_by_hand()
    {
        _link = null;
        JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetException(new JSException("Denied"));
        var page = RenderPage();

        page.WaitForElement("[data-action='issue-link']").Click();
        page.WaitForElement("[data-action='copy-link']").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-copy-by-hand]")));
        Assert.Contains("Copier", page.Find("[data-action='copy-link']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Ending_needs_a_reason_then_a_confirmation_and_sends_the_version_seen()
    {
        var page = RenderPage();

        page.WaitForElement("[data-action='end']").Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("#status-reason").GetAttribute("aria-invalid")));
        Assert.Empty(page.FindAll(".mud-dialog"));

        page.Find("#status-reason").Input("Fin du traitement");
        page.Find("[data-action='end']").Click();
        var dialog = page.WaitForElement(".mud-dialog");
        Assert.Contains("FONTAINE Odile", dialog.TextContent, StringComparison.Ordinal);
        Assert.Empty(_sender.SentOf<EndEnrollmentCommand>());
        Button(dialog, "Arrêter le suivi").Click();

        page.WaitForAssertion(() => Assert.Single(_sender.SentOf<EndEnrollmentCommand>()));
        Assert.Equal(new EndEnrollmentCommand(PatientId, EnrollmentId, Detail(_link).Version, "Fin du traitement"), _sender.SentOf<EndEnrollmentCommand>().Single());
    }

    private IRenderedComponent<ContainerFragment> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<EnrolmentDetailPage>(2);
        builder.AddComponentParameter(3, nameof(EnrolmentDetailPage.PatientId), PatientId);
        builder.AddComponentParameter(4, nameof(EnrolmentDetailPage.EnrollmentId), EnrollmentId);
        builder.CloseComponent();
    });

    private static EnrollmentDetail Detail(PatientLinkSummary? link) => new(
        EnrollmentId, Version, PatientId, "FONTAINE Odile", new DateOnly(1961, 9, 14), 65, "90017342", "261097511501207",
        IdentityStatus.Provisional, PatientSource.Manual, Guid.CreateVersion7(), "CH Rivemont", "Dr Sophie Lefèvre", "HDJ",
        TreatmentType.OralTherapy, false, false, "Capécitabine", new DateOnly(2026, 12, 1), new DateOnly(2027, 5, 31), 1, DayOfWeek.Monday,
        EnrollmentStatus.Active, null, ConsentDecision.Given, new DateOnly(2026, 12, 1), ConsentMethod.Paper, "Nadia Roussel",
        "Notice remise.\nDroit de retrait expliqué.", link, CanPause: true, CanResume: false, CanEnd: true, CanIssueLink: true);

    private static AngleSharp.Dom.IElement Button(AngleSharp.Dom.IElement scope, string text) =>
        scope.QuerySelectorAll("button").Single(b => b.TextContent.Contains(text, StringComparison.Ordinal));
}
