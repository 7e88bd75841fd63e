using Bunit;
using MudBlazor;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

/// <summary>Whom an escalation goes to: any oncologist of the establishment unless one is typed for and chosen.</summary>
public sealed class OncologistPickerTests : PortalComponentTest
{
    private static readonly StaffChoice Blanc = new(Guid.CreateVersion7(), "Dr Agnès BLANC");
    private static readonly StaffChoice Lefevre = new(Guid.CreateVersion7(), "Dr Sophie Lefèvre");
    private static readonly StaffChoice Durand = new(Guid.CreateVersion7(), "Dr Émile DURAND");

    private readonly List<Guid?> _chosen = [];
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    [Theory]
    [InlineData("fr-FR", "Oncologue", "Tout oncologue de l'établissement")]
    [InlineData("en-GB", "Oncologist", "Any oncologist of the establishment")]
    public void Empty_it_names_any_oncologist_of_the_establishment(string culture, string label, string any)
    {
        UseCulture(culture);

        var picker = RenderPicker([Blanc, Lefevre], value: null);

        var input = picker.Find("input#act-oncologist");
        Assert.Equal(any, input.GetAttribute("placeholder"));
        Assert.Equal(string.Empty, input.GetAttribute("value") ?? string.Empty);
        Assert.Contains(label, picker.Find("label").TextContent, StringComparison.Ordinal);
        Assert.Null(input.GetAttribute("disabled"));
    }

    [Fact]
    public void Typing_part_of_a_name_without_its_accent_offers_that_oncologist_and_choosing_names_her()
    {
        var picker = RenderPicker([Blanc, Lefevre, Durand], value: null);

        picker.Find("input#act-oncologist").Input("lefe");

        var offered = _popovers.WaitForElements("[data-oncologist]");
        Assert.Equal([Lefevre.StaffMemberId.ToString()], offered.Select(o => o.GetAttribute("data-oncologist")));
        offered[0].Click();

        picker.WaitForAssertion(() => Assert.Equal([Lefevre.StaffMemberId], _chosen));
    }

    [Fact]
    public void The_oncologist_named_shows_by_name()
    {
        var picker = RenderPicker([Blanc, Durand], Durand.StaffMemberId);

        Assert.Equal("Dr Émile DURAND", picker.Find("input#act-oncologist").GetAttribute("value"));
    }

    [Theory]
    [InlineData("fr-FR", "La liste des oncologues n'a pas pu être lue")]
    [InlineData("en-GB", "The list of oncologists could not be read")]
    public void A_list_that_could_not_be_read_leaves_any_oncologist_and_says_why(string culture, string why)
    {
        UseCulture(culture);

        var picker = RenderPicker([], value: null, unavailable: true);

        var input = picker.Find("input#act-oncologist");
        Assert.NotNull(input.GetAttribute("disabled"));
        Assert.Contains(why, picker.Find("#act-oncologist-hint").TextContent, StringComparison.Ordinal);
        Assert.Contains("act-oncologist-hint", input.GetAttribute("aria-describedby") ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_word_typed_must_be_in_the_name_case_and_accents_aside_and_the_list_keeps_its_order()
    {
        IReadOnlyList<StaffChoice> all = [Blanc, Lefevre, Durand];

        Assert.Equal(all, OncologistPicker.Matching(all, null));
        Assert.Equal(all, OncologistPicker.Matching(all, "  "));
        Assert.Equal([Durand], OncologistPicker.Matching(all, "emile"));
        Assert.Equal([Blanc, Durand], OncologistPicker.Matching(all, "an"));
        Assert.Equal([Lefevre], OncologistPicker.Matching(all, "DR lefèvre"));
        Assert.Empty(OncologistPicker.Matching(all, "sophie blanc"));
    }

    private IRenderedComponent<OncologistPicker> RenderPicker(IReadOnlyList<StaffChoice> oncologists, Guid? value, bool unavailable = false)
    {
        _popovers = Render<MudPopoverProvider>();
        return Render<OncologistPicker>(parameters => parameters
            .Add(p => p.Id, "act-oncologist")
            .Add(p => p.Oncologists, oncologists)
            .Add(p => p.Value, value)
            .Add(p => p.Unavailable, unavailable)
            .Add(p => p.ValueChanged, (Guid? id) => _chosen.Add(id)));
    }
}
