using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

public sealed class ReportWithdrawalFormTests
{
    [Theory]
    [InlineData("fr-FR", "Retirer le compte rendu", "Motif du retrait")]
    [InlineData("en-GB", "Withdraw the report", "Reason for withdrawal")]
    public async Task Offers_a_reason_and_a_withdraw_button_that_waits_for_the_reason(string culture, string title, string reason)
    {
        await using var context = new ComponentTestContext(culture: culture, configure: s => s.AddSingleton<ISender>(new NoSender()));
        var alertId = Guid.CreateVersion7();

        var html = WebUtility.HtmlDecode(await context.RenderAsync<ReportWithdrawalForm>(new Dictionary<string, object?>
        {
            [nameof(ReportWithdrawalForm.AlertId)] = alertId,
            [nameof(ReportWithdrawalForm.Version)] = Guid.CreateVersion7(),
        }));

        Assert.Contains($"<summary>{title}</summary>", html, StringComparison.Ordinal);
        Assert.Contains($"for=\"withdrawal-reason-{alertId}\">{reason}</label>", html, StringComparison.Ordinal);
        Assert.Contains("maxlength=\"4000\"", html, StringComparison.Ordinal);
        Assert.Matches("<button[^>]*data-withdraw[^>]*disabled", html);
    }

    private sealed class NoSender : AnsweringSender
    {
        protected override TResponse Answer<TResponse>(IRequest<TResponse> request) =>
            throw new InvalidOperationException($"Nothing is sent before the clinician confirms: {request.GetType().Name}.");
    }
}
