using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

public sealed class OncologistPickerTests
{
    private static readonly StaffChoice Blanc = new(Guid.CreateVersion7(), "Dr Agnès BLANC");
    private static readonly StaffChoice Durand = new(Guid.CreateVersion7(), "Dr Émile DURAND");

    [Theory]
    [InlineData("fr-FR", "Oncologue", "Tout oncologue de l'établissement")]
    [InlineData("en-GB", "Oncologist", "Any oncologist of the establishment")]
    public async Task Offers_any_oncologist_first_and_chosen_by_default_then_the_establishment_s_oncologists_in_order(
        string culture, string label, string any)
    {
        await using var context = new ComponentTestContext(culture: culture);

        var html = await context.RenderReadableAsync<OncologistPicker>(Parameters([Blanc, Durand], value: null));

        Assert.Contains($"<label class=\"form-label\" for=\"act-oncologist\">{label}</label>", html, StringComparison.Ordinal);
        Assert.Contains("<select id=\"act-oncologist\" class=\"form-select\"", html, StringComparison.Ordinal);
        // No option is marked selected: the browser shows the first one.
        Assert.Equal(
            [$"<option value>{any}</option>", $"<option value=\"{Blanc.StaffMemberId}\">Dr Agnès BLANC</option>", $"<option value=\"{Durand.StaffMemberId}\">Dr Émile DURAND</option>"],
            Options(html));
    }

    [Fact]
    public async Task The_oncologist_named_is_the_selected_option()
    {
        await using var context = new ComponentTestContext();

        var html = await context.RenderReadableAsync<OncologistPicker>(Parameters([Blanc, Durand], Durand.StaffMemberId));

        Assert.Equal(
            ["<option value>Tout oncologue de l'établissement</option>", $"<option value=\"{Blanc.StaffMemberId}\">Dr Agnès BLANC</option>", $"<option value=\"{Durand.StaffMemberId}\" selected>Dr Émile DURAND</option>"],
            Options(html));
    }

    [Fact]
    public async Task An_establishment_without_an_oncologist_offers_only_any_oncologist()
    {
        await using var context = new ComponentTestContext();

        var html = await context.RenderReadableAsync<OncologistPicker>(Parameters([], value: null));

        Assert.Equal(["<option value>Tout oncologue de l'établissement</option>"], Options(html));
        Assert.DoesNotContain("form-text", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR", "La liste des oncologues n'a pas pu être lue")]
    [InlineData("en-GB", "The list of oncologists could not be read")]
    public async Task A_list_that_could_not_be_read_leaves_any_oncologist_and_says_why(string culture, string why)
    {
        await using var context = new ComponentTestContext(culture: culture);
        var parameters = Parameters([], value: null);
        parameters[nameof(OncologistPicker.Unavailable)] = true;

        var html = await context.RenderReadableAsync<OncologistPicker>(parameters);

        Assert.Single(Options(html));
        Assert.Contains("aria-describedby=\"act-oncologist-unavailable\"", html, StringComparison.Ordinal);
        Assert.Contains($"<div id=\"act-oncologist-unavailable\" class=\"form-text\">{why}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_option_names_no_one_and_another_names_its_oncologist()
    {
        Assert.Null(OncologistPicker.Parse(string.Empty));
        Assert.Null(OncologistPicker.Parse(null));
        Assert.Null(OncologistPicker.Parse("not-an-id"));
        Assert.Equal(Durand.StaffMemberId, OncologistPicker.Parse(Durand.StaffMemberId.ToString()));
    }

    private static Dictionary<string, object?> Parameters(IReadOnlyList<StaffChoice> oncologists, Guid? value) => new()
    {
        [nameof(OncologistPicker.Id)] = "act-oncologist",
        [nameof(OncologistPicker.Oncologists)] = oncologists,
        [nameof(OncologistPicker.Value)] = value,
    };

    private static List<string> Options(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<option[^>]*>[^<]*</option>").Select(m => m.Value)];
}
