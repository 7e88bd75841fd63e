using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Patients;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Patients;

public sealed class PatientListTests : PortalComponentTest
{
    private static readonly PatientSearchRow Leroy = new(
        Guid.CreateVersion7(), "LEROY Anne", new DateOnly(1958, 7, 1), 67, Sex.Female, "123456", "CHB", "258077512345678",
        IdentityStatus.Qualified, PatientSource.Adt,
        [new PatientEnrollmentSummary(Guid.CreateVersion7(), Guid.CreateVersion7(), "CHB", EnrollmentStatus.Active, new DateOnly(2026, 1, 5))]);

    private static readonly PatientSearchRow Lemaire = new(
        Guid.CreateVersion7(), "LEMAIRE Paul", new DateOnly(1970, 2, 3), 56, Sex.Male, "654321", "CHB", null,
        IdentityStatus.Provisional, PatientSource.Manual, []);

    private readonly RecordingSender _sender = new();
    private readonly SignedInUser _user = new("Claire Martin", StaffRole.Ide);

    public PatientListTests()
    {
        _sender.On<SearchPatientsQuery, PagedResult<PatientSearchRow>>(query =>
            query.Term.Trim().Length < 2
                ? throw new ValidationFailedException(new Dictionary<string, string[]> { ["Term"] = ["too short"] })
                : new PagedResult<PatientSearchRow>(query.Page == 1 ? [Leroy, Lemaire] : [Lemaire], 51, query.Page, 50));
        Services.AddSingleton<Mediator.ISender>(_sender);
        Services.AddSingleton<ICurrentUser>(_user);
    }

    [Fact]
    public void A_search_lists_dense_rows_each_name_leading_to_the_chart()
    {
        var list = Render<PatientList>();

        Search(list, "le");

        Assert.Equal("le", Assert.Single(_sender.SentOf<SearchPatientsQuery>()).Term);
        Assert.Equal(2, list.FindAll("tbody tr").Count);
        Assert.Equal($"patients/{Leroy.PatientId}", list.Find($"td[data-patient-id='{Leroy.PatientId}'] a.patient-name").GetAttribute("href"));
        Assert.Contains("51 patient(s) trouvé(s)", list.Find("[data-patients-found]").TextContent, StringComparison.Ordinal);
        Assert.Contains("INS qualifiée", list.Find("td[data-identity='Qualified']").TextContent, StringComparison.Ordinal);
        Assert.Contains("CHB · Suivi actif", list.Find("[data-enrollment-status='Active']").TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.Find("[data-not-enrolled]"));
    }

    [Fact]
    public void A_term_too_short_is_said_under_the_field_and_lists_nothing()
    {
        var list = Render<PatientList>();

        Search(list, "l");

        Assert.Contains("2 caractères", list.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("tbody tr"));
    }

    [Fact]
    public void The_next_page_is_read_with_the_same_term()
    {
        var list = Render<PatientList>();
        Search(list, "le");

        list.Find(".mud-pagination-item:last-child button").Click();

        var last = _sender.SentOf<SearchPatientsQuery>().Last();
        Assert.Equal(("le", 2), (last.Term, last.Page));
        list.WaitForAssertion(() => Assert.Single(list.FindAll("tbody tr")));
    }

    [Fact]
    public void An_administrator_sees_the_names_without_a_link_to_the_chart()
    {
        _user.Role = StaffRole.Admin;
        var list = Render<PatientList>();

        Search(list, "le");

        Assert.Empty(list.FindAll("a.patient-name"));
        Assert.Equal("LEROY Anne", list.Find($"td[data-patient-id='{Leroy.PatientId}'] .patient-name").TextContent);
    }

    private static void Search(IRenderedComponent<PatientList> list, string term)
    {
        list.Find("#patient-term").Input(term);
        list.Find("form.patient-search").Submit();
    }
}
