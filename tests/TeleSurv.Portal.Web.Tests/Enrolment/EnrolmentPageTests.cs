using Bunit;
using Bunit.Rendering;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Web.Components.Enrolment;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Enrolment;

/// <summary>The list of enrolments: states as chips with a word and an icon, filtered by state, and the activity export.</summary>
public sealed class EnrolmentPageTests : PortalComponentTest
{
    private static readonly EstablishmentChoices Rivemont = new(Guid.CreateVersion7(), "RIV", "CH Rivemont", [], []);
    private static readonly EnrollmentRow Fontaine = Row("FONTAINE Odile", EnrollmentStatus.Active, ConsentDecision.Given);
    private static readonly EnrollmentRow Marchal = Row("MARCHAL Yves", EnrollmentStatus.Paused, ConsentDecision.Given);
    private static readonly EnrollmentRow Caradec = Row("CARADEC Anne", EnrollmentStatus.Ended, ConsentDecision.Refused);

    private readonly RecordingSender _sender = new();

    public EnrolmentPageTests()
    {
        _sender
            .On<ListEnrollmentsQuery, PagedResult<EnrollmentRow>>(query =>
            {
                var rows = new[] { Fontaine, Marchal, Caradec }.Where(r => query.Status is null || r.Status == query.Status).ToList();
                return new PagedResult<EnrollmentRow>(rows, rows.Count, query.Page, 20);
            })
            .On<GetEnrollmentChoicesQuery, IReadOnlyList<EstablishmentChoices>>(_ => [Rivemont]);
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero)));
        RenderPagesLive();
    }

    [Fact]
    public void Each_enrolment_says_its_state_with_a_word_and_links_to_its_follow_up()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr [data-row-status]").Count));
        var paused = page.Find($"td[data-enrollment-id='{Marchal.EnrollmentId}']").Closest("tr")!;
        Assert.Contains("Suivi suspendu", paused.QuerySelector("[data-row-status='Paused']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-warning", paused.QuerySelector("[data-row-status]")!.ClassName, StringComparison.Ordinal);
        Assert.NotNull(paused.QuerySelector("[data-row-status] svg"));
        Assert.Equal($"enrolment/{Marchal.PatientId}/{Marchal.EnrollmentId}", paused.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("3 inclusion(s)", page.Find("[data-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_chip_filters_the_list_from_its_first_page_and_says_it_is_on()
    {
        var page = RenderPage();

        page.Find("[data-status='Paused']").Click();

        page.WaitForAssertion(() => Assert.Equal(["Paused"], page.FindAll("tr [data-row-status]").Select(c => c.GetAttribute("data-row-status"))));
        var last = _sender.SentOf<ListEnrollmentsQuery>().Last();
        Assert.Equal(new ListEnrollmentsQuery { Status = EnrollmentStatus.Paused, Page = 1 }, last);
        Assert.Equal("true", page.Find("[data-status='Paused']").GetAttribute("aria-pressed"));
        Assert.Equal("false", page.Find("[data-status='all']").GetAttribute("aria-pressed"));

        page.Find("[data-status='all']").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr [data-row-status]").Count));
        Assert.Null(_sender.SentOf<ListEnrollmentsQuery>().Last().Status);
    }

    [Fact]
    public void No_enrolment_in_a_state_is_said_rather_than_an_empty_table()
    {
        _sender.On<ListEnrollmentsQuery, PagedResult<EnrollmentRow>>(query => new PagedResult<EnrollmentRow>([], 0, 1, 20));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Aucune inclusion", page.Find("[data-empty='enrolments']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public void The_activity_export_offers_the_month_just_over_for_the_first_establishment()
    {
        var page = RenderPage();

        var download = page.WaitForElement("[data-action='export-activity']");
        Assert.Equal("2026-11", page.Find("#activity-month").GetAttribute("value"));
        Assert.Equal($"{EnrolmentExportEndpoints.ActivityPath.TrimStart('/')}?establishment={Rivemont.EstablishmentId}&month=2026-11",
            download.GetAttribute("href"));
        Assert.True(download.HasAttribute("download"));
    }

    private IRenderedComponent<ContainerFragment> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<EnrolmentPage>(1);
        builder.CloseComponent();
    });

    private static EnrollmentRow Row(string name, EnrollmentStatus status, ConsentDecision consent) => new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), name, 64, "9001" + name.Length, "RIV", TreatmentType.OralTherapy, "Capécitabine", status,
        new DateOnly(2026, 10, 1), new DateOnly(2027, 3, 31), consent, new DateOnly(2026, 9, 30), null);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
