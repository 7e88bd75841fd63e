using Bunit;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleSurv.Portal.Application.Establishments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Web.Components.Establishments;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Establishments;

public sealed class EstablishmentContactsPageTests : PortalComponentTest
{
    private static readonly EstablishmentContact Rivemont = new(Guid.CreateVersion7(), "RIV", "CH Rivemont", "350000012", "02 61 91 00 11");
    private static readonly EstablishmentContact Lanvern = new(Guid.CreateVersion7(), "LAN", "Clinique de Lanvern", "290000017", null);

    private readonly RecordingSender _sender = new RecordingSender()
        .On<ListEstablishmentContactsQuery, IReadOnlyList<EstablishmentContact>>(_ => [Rivemont, Lanvern])
        .On<SetUnitPhoneCommand, string?>(command => string.IsNullOrWhiteSpace(command.UnitPhone) ? null : UnitPhoneNumber.Normalise(command.UnitPhone));

    public EstablishmentContactsPageTests() => Services.AddSingleton<ISender>(_sender);

    [Fact]
    public void A_number_no_one_can_dial_is_refused_on_its_field_and_nothing_is_sent()
    {
        var page = Render(Page);

        page.Find("#phone-RIV").Input("02 61 91");
        Save(page, "RIV");

        var field = Field(page, "RIV");
        var message = field.QuerySelector(".mud-input-helper-text.mud-input-error");
        Assert.NotNull(message);
        Assert.Contains("02 61 91 00 11", message.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("#phone-RIV").GetAttribute("aria-invalid"));
        // The other establishment's field is untouched.
        Assert.Null(Field(page, "LAN").QuerySelector(".mud-input-helper-text.mud-input-error"));
        Assert.Empty(_sender.SentOf<SetUnitPhoneCommand>());
    }

    [Fact]
    public void A_valid_number_is_saved_normalised_said_on_the_field_and_in_a_snackbar_and_clears_the_error()
    {
        var page = Render(Page);
        page.Find("#phone-RIV").Input("02 61 91");
        Save(page, "RIV");

        page.Find("#phone-RIV").Input("02.61.91.00.99");
        Save(page, "RIV");

        var sent = Assert.Single(_sender.SentOf<SetUnitPhoneCommand>());
        Assert.Equal(new SetUnitPhoneCommand(Rivemont.EstablishmentId, "02.61.91.00.99"), sent);
        page.WaitForAssertion(() => Assert.Equal("02 61 91 00 99", page.Find("#phone-RIV").GetAttribute("value")));
        Assert.Null(Field(page, "RIV").QuerySelector(".mud-input-helper-text.mud-input-error"));
        Assert.NotEqual("true", page.Find("#phone-RIV").GetAttribute("aria-invalid"));
        Assert.Contains("Enregistré.", Field(page, "RIV").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("Enregistré : téléphone de l'unité d'oncologie de CH Rivemont.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void An_establishment_without_a_number_is_flagged_and_an_empty_field_clears_the_number()
    {
        var page = Render(Page);

        Assert.Contains("Aucun numéro", Field(page, "LAN").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Aucun numéro", Field(page, "RIV").TextContent, StringComparison.Ordinal);

        page.Find("#phone-RIV").Input("");
        Save(page, "RIV");

        var sent = Assert.Single(_sender.SentOf<SetUnitPhoneCommand>());
        Assert.Equal(Rivemont.EstablishmentId, sent.EstablishmentId);
        Assert.True(string.IsNullOrEmpty(sent.UnitPhone));
        // Saved first; the warning comes back when the page is opened again.
        page.WaitForAssertion(() => Assert.Contains("Enregistré.", Field(page, "RIV").TextContent, StringComparison.Ordinal));
        Assert.True(string.IsNullOrEmpty(page.Find("#phone-RIV").GetAttribute("value")));
    }

    private static readonly RenderFragment Page = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<EstablishmentContactsPage>(2);
        builder.CloseComponent();
    };

    // A browser submits the form when the button is clicked or Enter is pressed in the field; bUnit submits it itself.
    private static void Save<TComponent>(IRenderedComponent<TComponent> page, string code)
        where TComponent : IComponent
    {
        var button = page.Find($"[data-save='{code}']");
        Assert.Equal("submit", button.GetAttribute("type"));
        button.Closest("form")!.Submit();
    }

    private static AngleSharp.Dom.IElement Field<TComponent>(IRenderedComponent<TComponent> page, string code)
        where TComponent : IComponent => page.Find($"[data-state-for='{code}']");
}
