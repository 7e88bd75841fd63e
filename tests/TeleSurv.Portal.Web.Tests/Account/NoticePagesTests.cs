using Bunit;
using Microsoft.AspNetCore.Http;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Shared;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Account;

/// <summary>The pages that say something went wrong: what happened in plain words, and the way back.</summary>
public sealed class NoticePagesTests : PortalComponentTest
{
    [Fact]
    public void A_refused_form_says_to_reload_and_gives_the_reference_for_support()
    {
        var http = new DefaultHttpContext { TraceIdentifier = "0HN-TRACE-42" };
        http.Response.StatusCode = StatusCodes.Status400BadRequest;

        var page = Render<Error>(parameters => parameters.AddCascadingValue(http));

        var card = page.Find("[data-error-page]");
        Assert.Contains("le formulaire a peut-être expiré", card.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Une erreur est survenue. Réessayez", card.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Référence pour le support : ", page.Find("[data-reference]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("/", page.Find("a[href='/']").GetAttribute("href"));
    }

    [Fact]
    public void Any_other_error_says_to_try_again_in_the_users_language()
    {
        UseCulture("en-GB");
        var http = new DefaultHttpContext();
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;

        var page = Render<Error>(parameters => parameters.AddCascadingValue(http));

        Assert.Contains("Something went wrong. Try again; if it persists, tell support.", page.Find("[data-error-page]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Back to the home page", page.Find("a[href='/']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_address_and_a_page_the_role_does_not_open_each_lead_home()
    {
        var notFound = Render<NotFound>();
        var denied = Render<AccessDeniedNotice>();

        Assert.Equal("Page introuvable", notFound.Find("h1").TextContent.Trim());
        Assert.Contains("Retour à l'accueil", notFound.Find("a[href='/']").TextContent, StringComparison.Ordinal);
        Assert.Equal("Accès refusé", denied.Find("h1").TextContent.Trim());
        Assert.Contains("Votre rôle ne donne pas accès à cette page.", denied.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Retour à l'accueil", denied.Find("a[href='/']").TextContent, StringComparison.Ordinal);
    }
}
