using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Localization;

namespace TeleSurv.Portal.Web.Tests.Components;

public sealed class ProblemMessageTests
{
    private static string For(Exception exception, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            using var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
            return ProblemMessage.For(exception, services.GetRequiredService<IStringLocalizer<SharedResource>>());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_concurrency_conflict_says_nothing_was_recorded_and_the_fresh_state_is_shown()
    {
        var conflict = ConflictException.Concurrency("The alert");

        Assert.StartsWith("Quelqu'un d'autre a modifié cette alerte entre-temps : rien n'a été enregistré.", For(conflict, "fr-FR"), StringComparison.Ordinal);
        Assert.StartsWith("Someone else changed this alert in the meantime: nothing was recorded.", For(conflict, "en-GB"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_conflict_and_a_validation_failure_show_the_half_in_the_users_language()
    {
        var state = new ConflictException(ConflictKind.State, "L'alerte est déjà prise en charge par Claire Martin. / The alert is already held by Claire Martin.");
        var invalid = new ValidationFailedException(new Dictionary<string, string[]>
        {
            ["ItemKey"] = ["Ce symptôme ne fait pas partie des constats de l'alerte. / This symptom is not one of the alert's findings."],
        });

        Assert.Equal("L'alerte est déjà prise en charge par Claire Martin.", For(state, "fr-FR"));
        Assert.Equal("The alert is already held by Claire Martin.", For(state, "en-GB"));
        Assert.Equal("This symptom is not one of the alert's findings.", For(invalid, "en-GB"));
    }

    [Fact]
    public void Not_found_and_anything_unexpected_are_told_plainly_without_details()
    {
        Assert.Equal("Introuvable, ou hors de vos établissements.", For(new NotFoundException("Alert", Guid.CreateVersion7()), "fr-FR"));
        var unexpected = For(new InvalidOperationException("Npgsql: connection refused at 10.0.0.5"), "fr-FR");
        Assert.DoesNotContain("Npgsql", unexpected, StringComparison.Ordinal);
        Assert.NotEmpty(unexpected);
    }
}
