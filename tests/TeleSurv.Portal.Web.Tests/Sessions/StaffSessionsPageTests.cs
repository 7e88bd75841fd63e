using Bunit;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Sessions;
using TeleSurv.Portal.Web.Security;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Sessions;

public sealed class StaffSessionsPageTests : PortalComponentTest
{
    private static readonly Guid Bernard = Guid.CreateVersion7();
    private static readonly OpenStaffSession Desk = Session(Bernard, "ide.bernard", "Julien Bernard");
    private static readonly OpenStaffSession Phone = Session(Bernard, "ide.bernard", "Julien Bernard");

    private static readonly RenderFragment Page = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<StaffSessionsPage>(3);
        builder.CloseComponent();
    };

    private readonly List<OpenStaffSession> _open = [Desk, Phone];
    private readonly StaffSessionSignals _signals = new();
    private readonly List<Guid> _signalled = [];
    private readonly RecordingSender _sender = new();

    public StaffSessionsPageTests()
    {
        _sender
            .On<ListOpenStaffSessionsQuery, IReadOnlyList<OpenStaffSession>>(_ => [.. _open])
            .On<EndStaffSessionsCommand, int>(command =>
            {
                var ending = _open.Where(s => s.StaffMemberId == command.StaffMemberId && (command.SessionId is null || s.SessionId == command.SessionId)).ToList();
                _open.RemoveAll(ending.Contains);
                return ending.Count;
            });
        _signals.SessionsChanged += _signalled.Add;
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton(new AuthOptions());
        Services.AddSingleton(_signals);
    }

    [Fact]
    public void Ending_all_sessions_of_a_person_asks_first_and_cancelling_ends_nothing()
    {
        var page = Render(Page);

        Act(page, Desk, "data-end-all").Click();

        var dialog = page.WaitForElement(".mud-dialog");
        Assert.Contains("Fermer toutes les sessions de Julien Bernard ?", dialog.TextContent, StringComparison.Ordinal);
        Button(dialog, "Annuler").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Empty(_sender.SentOf<EndStaffSessionsCommand>());
        Assert.Equal(2, page.FindAll("[data-session]").Count);
    }

    [Fact]
    public void Confirming_ends_every_session_of_the_person_signals_it_and_says_how_many()
    {
        var page = Render(Page);

        Act(page, Desk, "data-end-all").Click();
        Button(page.WaitForElement(".mud-dialog"), "Fermer toutes ses sessions").Click();

        page.WaitForAssertion(() => Assert.Equal(new EndStaffSessionsCommand(Bernard, null), Assert.Single(_sender.SentOf<EndStaffSessionsCommand>())));
        Assert.Equal([Bernard], _signalled);
        page.WaitForAssertion(() => Assert.Contains("Sessions fermées : 2.", page.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Contains("Aucune session ouverte.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Ending_one_session_needs_no_confirmation_and_keeps_the_others()
    {
        var page = Render(Page);

        Act(page, Phone, "data-end-session").Click();

        Assert.Empty(page.FindAll(".mud-dialog"));
        Assert.Equal(new EndStaffSessionsCommand(Bernard, Phone.SessionId), Assert.Single(_sender.SentOf<EndStaffSessionsCommand>()));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-session]")));
        Assert.Equal(Desk.SessionId.ToString(), page.Find("[data-session]").GetAttribute("data-session"));
    }

    [Fact]
    public void A_person_no_longer_in_the_admin_s_establishments_is_said_so_in_an_alert()
    {
        _sender.On<EndStaffSessionsCommand, int>(_ => throw new NotFoundException("StaffMember", Bernard));
        var page = Render(Page);

        Act(page, Phone, "data-end-session").Click();

        page.WaitForAssertion(() => Assert.Contains("Cette personne n'est plus dans vos établissements.", page.Find("[role='alert']").TextContent, StringComparison.Ordinal));
        Assert.Empty(_signalled);
    }

    // MudTable renders its own rows: the session's attributes sit on the row's first cell.
    private static AngleSharp.Dom.IElement Act<TComponent>(IRenderedComponent<TComponent> page, OpenStaffSession session, string act)
        where TComponent : IComponent =>
        page.Find($"[data-session='{session.SessionId}']").ParentElement!.QuerySelector($"[{act}]")
            ?? throw new InvalidOperationException($"No [{act}] in the row of {session.SessionId}.");

    private static AngleSharp.Dom.IElement Button(AngleSharp.Dom.IElement scope, string text) =>
        scope.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text);

    private static OpenStaffSession Session(Guid staffMemberId, string login, string name) =>
        new(Guid.CreateVersion7(), staffMemberId, name, login, StaffRole.Ide, "Démo", "10.0.0.7",
            DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-3));
}
