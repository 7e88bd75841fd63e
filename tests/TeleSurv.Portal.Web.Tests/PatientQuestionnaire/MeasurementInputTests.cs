using Bunit;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Web.Components.PatientQuestionnaire;
using TeleSurv.Portal.Web.Localization;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.PatientQuestionnaire;

public sealed class MeasurementInputTests : PortalComponentTest
{
    private static readonly MeasurementQuestion Temperature = QuestionnaireCatalog.Current.Temperature;

    private readonly List<decimal?> _values = [];

    [Fact]
    public void The_temperature_field_brings_the_numeric_keyboard_and_names_its_range()
    {
        var field = RenderField();

        var input = field.Find("input#temperature");
        Assert.Equal("decimal", input.GetAttribute("inputmode"));
        Assert.Equal("text", input.GetAttribute("type"));
        Assert.Equal("temperature", field.Find("label").GetAttribute("for"));
        Assert.Contains(
            $"Entre {Temperature.Min.ToString(PortalCultures.French)} et {Temperature.Max.ToString(PortalCultures.French)} °C · Facultatif",
            field.Markup,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_out_of_range_is_refused_on_the_field_and_gives_no_value()
    {
        var field = RenderField();

        field.Find("#temperature").Input("48");

        var message = field.Find(".mud-input-helper-text.mud-input-error");
        Assert.Contains($"La valeur doit être entre {Temperature.Min.ToString(PortalCultures.French)} et", message.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", field.Find("#temperature").GetAttribute("aria-invalid"));
        Assert.Equal([null], _values);
    }

    [Fact]
    public void Words_are_refused_with_an_example_and_a_french_comma_is_read()
    {
        var field = RenderField();

        field.Find("#temperature").Input("trente-huit");
        Assert.Contains("Saisissez un nombre, par exemple 37,5.", field.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);

        field.Find("#temperature").Input("38,6");

        Assert.Empty(field.FindAll(".mud-input-helper-text.mud-input-error"));
        Assert.NotEqual("true", field.Find("#temperature").GetAttribute("aria-invalid"));
        Assert.Equal([null, 38.6m], _values);
    }

    private IRenderedComponent<MeasurementInput> RenderField() =>
        Render<MeasurementInput>(parameters => parameters
            .Add(p => p.Question, Temperature)
            .Add(p => p.Name, "temperature")
            .Add(p => p.ValueChanged, value => _values.Add(value)));
}
