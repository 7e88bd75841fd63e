using AngleSharp.Dom;
using Bunit;
using Mediator;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Dashboard;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

public sealed class AlertQueueTests : PortalComponentTest
{
    private static readonly Guid Establishment = Guid.CreateVersion7();
    private static readonly Guid Me = Guid.CreateVersion7();

    private readonly List<AlertQueueRow> _alerts = [];
    private readonly RecordingSender _sender = new();
    private readonly ManualAlertFeed _feed = new();

    public AlertQueueTests()
    {
        _sender
            .On<ListMyEstablishmentsQuery, IReadOnlyList<EstablishmentOption>>(_ => [])
            .On<GetAlertQueueQuery, AlertQueuePage>(Answer);
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton<ICurrentUser>(new SignedInUser("Claire Martin", StaffRole.Ide, Establishment) { StaffMemberId = Me });
        Services.AddSingleton<IAlertChangeFeed>(_feed);
        Services.AddLogging();
        Services.AddSingleton(sp => new ProtectedLocalStorage(sp.GetRequiredService<IJSRuntime>(), new EphemeralDataProtectionProvider()));
        RenderPagesLive();
    }

    private AlertQueuePage Answer(GetAlertQueueQuery query)
    {
        var items = _alerts.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var counts = new AlertQueueCounts(
            _alerts.Count(a => a.Priority == AlertPriority.Urgent), _alerts.Count(a => a.Priority == AlertPriority.High),
            _alerts.Count(a => a.Priority == AlertPriority.Medium), _alerts.Count(a => a.Priority == AlertPriority.Low),
            _alerts.Count(a => a.IsOverdue));
        return new AlertQueuePage(new PagedResult<AlertQueueRow>(items, _alerts.Count, query.Page, query.PageSize), counts);
    }

    private static AlertQueueRow Alert(string name, AlertPriority priority = AlertPriority.Medium, AlertStatus status = AlertStatus.Open, bool overdue = false) =>
        new(Guid.CreateVersion7(), priority, AlertKind.Response, status, Establishment, Guid.CreateVersion7(), name, 67, "10482913",
            "nausea", 3, Worsened: true, DateTime.UtcNow.AddHours(-5), overdue ? DateTime.UtcNow.AddHours(-2) : DateTime.UtcNow.AddHours(3),
            overdue, null, null, Guid.CreateVersion7())
        {
            Reason = new AlertReason(AlertRule.SevereSymptom, "nausea", 3, 1, null, 0),
        };

    private IRenderedComponent<AlertQueue> RenderQueue()
    {
        var queue = Render<AlertQueue>();
        Render<MudSnackbarProvider>();
        queue.WaitForElement("[data-queue-grid]");
        return queue;
    }

    private static IElement RowOf(IRenderedComponent<AlertQueue> queue, AlertQueueRow alert) =>
        queue.Find($"tr:has([data-alert-id='{alert.AlertId}'])");

    [Fact]
    public void A_row_is_tinted_by_its_priority_and_shows_icon_word_patient_and_reason()
    {
        var urgent = Alert("ROUSSEAU Hélène", AlertPriority.Urgent);
        _alerts.Add(urgent);

        var queue = RenderQueue();

        var row = queue.WaitForElement($"tr:has([data-alert-id='{urgent.AlertId}'])");
        Assert.Contains("priority-row-urgent", row.ClassList);
        var badge = row.QuerySelector("[data-priority='Urgent']");
        Assert.NotNull(badge);
        Assert.Contains("Urgente", badge.TextContent, StringComparison.Ordinal);
        Assert.NotNull(badge.QuerySelector("svg.priority-icon"));
        Assert.Equal($"alerts/{urgent.AlertId}", row.QuerySelector("a.patient-name")!.GetAttribute("href"));
        Assert.Contains("ROUSSEAU Hélène", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nausées", row.QuerySelector("td:nth-child(3)")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("td:nth-child(3) [data-grade='3']"));
        Assert.NotNull(row.QuerySelector("[data-action='claim']"));
    }

    [Fact]
    public void Names_are_written_as_text_in_the_rows_markup_never_as_markup()
    {
        var alert = Alert("<img src=x onerror=alert(1)> O'BRIEN & \"Fils\"") with { ClaimedByName = "<b>Claire</b>" };
        _alerts.Add(alert);

        var queue = RenderQueue();

        var row = queue.WaitForElement($"tr:has([data-alert-id='{alert.AlertId}'])");
        Assert.Equal("<img src=x onerror=alert(1)> O'BRIEN & \"Fils\"", row.QuerySelector("a.patient-name")!.TextContent);
        Assert.Null(row.QuerySelector("img"));
        Assert.Null(row.QuerySelector("b"));
        Assert.Equal("<b>Claire</b>", row.QuerySelector("[data-claimed-by]")!.GetAttribute("data-claimed-by"));
    }

    [Fact]
    public void The_symptom_and_status_filters_offer_every_choice_in_the_user_s_language_and_ask_the_query_for_the_one_chosen()
    {
        _alerts.Add(Alert("ROUSSEAU Hélène"));
        var queue = RenderQueue();
        queue.WaitForElement("[data-alert-id]");

        var symptoms = queue.FindAll("select[data-filter='symptom'] option");
        Assert.Equal(QuestionnaireCatalog.Current.Items.Count(i => !i.IsPresenceItem) + 1, symptoms.Count);
        Assert.Equal(("", "Tous les symptômes"), (symptoms[0].GetAttribute("value"), symptoms[0].TextContent));
        Assert.Contains(symptoms, o => o.GetAttribute("value") == "nausea" && o.TextContent == "Nausées");
        var statuses = queue.FindAll("select[data-filter='status'] option").Select(o => o.TextContent).ToList();
        Assert.Equal(Enum.GetValues<AlertStatus>().Length + 1, statuses.Count);
        Assert.Contains("Nouvelle", statuses);

        queue.Find("select[data-filter='symptom']").Change("nausea");
        queue.WaitForAssertion(() => Assert.Equal("nausea", _sender.SentOf<GetAlertQueueQuery>().Last().ItemKey));
        queue.Find("select[data-filter='status']").Change(nameof(AlertStatus.InProgress));
        queue.WaitForAssertion(() =>
        {
            var last = _sender.SentOf<GetAlertQueueQuery>().Last();
            Assert.Equal([AlertStatus.InProgress], last.Statuses);
            Assert.Equal("nausea", last.ItemKey);
        });
    }

    [Fact]
    public void Overdue_is_counted_once_above_the_grid()
    {
        _alerts.Add(Alert("ROUSSEAU Hélène", overdue: true));
        _alerts.Add(Alert("DUPONT Marie", overdue: true));
        _alerts.Add(Alert("MARTIN Paul"));

        var queue = RenderQueue();

        queue.WaitForAssertion(() => Assert.Contains("En retard seulement (2)", queue.Find("[data-filter='overdue']").ParentElement!.TextContent, StringComparison.Ordinal));
        Assert.Equal(3, queue.FindAll("[data-alert-id]").Count);
    }

    [Fact]
    public void Paging_asks_the_query_for_the_next_page_with_the_filters_kept()
    {
        for (var i = 0; i < Paging.DefaultPageSize + 5; i++)
        {
            _alerts.Add(Alert($"PATIENT {i:D3}"));
        }

        var queue = RenderQueue();
        queue.WaitForAssertion(() => Assert.Equal(Paging.DefaultPageSize, queue.FindAll("[data-alert-id]").Count));
        queue.Find("button[data-filter-priority='Medium']").Click();
        queue.WaitForAssertion(() => Assert.Equal([AlertPriority.Medium], _sender.SentOf<GetAlertQueueQuery>().Last().Priorities));

        queue.Find(".queue-pager button[aria-label='Page suivante']").Click();

        queue.WaitForAssertion(() =>
        {
            var last = _sender.SentOf<GetAlertQueueQuery>().Last();
            Assert.Equal(2, last.Page);
            Assert.Equal(Paging.DefaultPageSize, last.PageSize);
            Assert.Equal([AlertPriority.Medium], last.Priorities);
        });
        queue.WaitForAssertion(() => Assert.Equal(5, queue.FindAll("[data-alert-id]").Count));
    }

    [Fact]
    public void The_pager_says_which_rows_are_shown_in_the_user_s_language()
    {
        for (var i = 0; i < Paging.DefaultPageSize + 5; i++)
        {
            _alerts.Add(Alert($"PATIENT {i:D3}"));
        }

        var queue = RenderQueue();

        queue.WaitForAssertion(() => Assert.Contains($"1–{Paging.DefaultPageSize} sur {Paging.DefaultPageSize + 5}", queue.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));
        Assert.Equal("polite", queue.Find(".queue-pager").GetAttribute("aria-live"));
        var buttons = queue.FindAll(".queue-pager button");
        Assert.Equal(["Première page", "Page précédente", "Page suivante", "Dernière page"], buttons.Select(b => b.GetAttribute("aria-label")));
        Assert.Equal([true, true, false, false], buttons.Select(b => b.HasAttribute("disabled")));
        Assert.All(buttons, b => Assert.NotNull(b.QuerySelector("svg")));
    }

    [Fact]
    public void Sorting_a_column_asks_the_query_for_that_order_and_a_third_click_returns_to_triage_order()
    {
        _alerts.Add(Alert("ROUSSEAU Hélène"));
        var queue = RenderQueue();
        queue.WaitForElement("[data-alert-id]");
        Assert.Equal(AlertQueueSort.Triage, _sender.SentOf<GetAlertQueueQuery>().Last().Sort);
        Assert.Equal(2, queue.FindAll("th .sortable-column-header").Count);

        IElement Header(string title) => queue.FindAll("th").Single(th => th.TextContent.Contains(title, StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!;

        Header("Délai").Click();
        queue.WaitForAssertion(() => Assert.Equal(AlertQueueSort.DueSoonestFirst, _sender.SentOf<GetAlertQueueQuery>().Last().Sort));
        Header("Délai").Click();
        queue.WaitForAssertion(() => Assert.Equal(AlertQueueSort.DueLatestFirst, _sender.SentOf<GetAlertQueueQuery>().Last().Sort));
        Header("Délai").Click();
        queue.WaitForAssertion(() => Assert.Equal(AlertQueueSort.Triage, _sender.SentOf<GetAlertQueueQuery>().Last().Sort));
        Header("Levée").Click();
        queue.WaitForAssertion(() => Assert.Equal(AlertQueueSort.OldestFirst, _sender.SentOf<GetAlertQueueQuery>().Last().Sort));
    }

    [Fact]
    public void A_live_change_adds_moves_and_removes_rows_on_the_same_page_and_says_so()
    {
        var first = Alert("DUPONT Marie");
        _alerts.Add(first);
        var queue = RenderQueue();
        queue.WaitForAssertion(() => Assert.Single(queue.FindAll("[data-alert-id]")));
        var sentBefore = _sender.SentOf<GetAlertQueueQuery>().Count();

        // Added: the most urgent comes first.
        var urgent = Alert("ROUSSEAU Hélène", AlertPriority.Urgent);
        _alerts.Insert(0, urgent);
        _feed.Publish(new AlertChanged(urgent.AlertId, Establishment, AlertChangeKind.Raised));

        queue.WaitForAssertion(() => Assert.Equal(urgent.AlertId.ToString(), queue.FindAll("[data-alert-id]")[0].GetAttribute("data-alert-id")));
        queue.WaitForAssertion(() => Assert.Contains("Nouvelle alerte urgente : ROUSSEAU Hélène", queue.Markup + SnackbarText(), StringComparison.Ordinal));
        Assert.Equal(1, _sender.SentOf<GetAlertQueueQuery>().Last().Page);
        Assert.True(_sender.SentOf<GetAlertQueueQuery>().Count() > sentBefore);

        // Moved: claimed by a colleague, its status changes in place.
        _alerts[0] = urgent with { Status = AlertStatus.InProgress, ClaimedById = Guid.CreateVersion7(), ClaimedByName = "Julien Bernard" };
        _feed.Publish(new AlertChanged(urgent.AlertId, Establishment, AlertChangeKind.Claimed));

        queue.WaitForAssertion(() => Assert.Equal("InProgress", queue.Find($"[data-alert-id='{urgent.AlertId}']").GetAttribute("data-status")));
        Assert.Equal("Julien Bernard", RowOf(queue, urgent).QuerySelector("[data-claimed-by]")!.GetAttribute("data-claimed-by"));

        // Removed: resolved elsewhere, it leaves the page.
        _alerts.RemoveAt(0);
        _feed.Publish(new AlertChanged(urgent.AlertId, Establishment, AlertChangeKind.Resolved));

        queue.WaitForAssertion(() => Assert.Empty(queue.FindAll($"[data-alert-id='{urgent.AlertId}']")));
        queue.WaitForAssertion(() => Assert.Contains("Alerte sortie de cette page de la file : ROUSSEAU Hélène", SnackbarText(), StringComparison.Ordinal));
        Assert.Single(queue.FindAll("[data-alert-id]"));
    }

    [Fact]
    public void The_snackbar_speaks_english_too()
    {
        UseCulture("en-GB");
        var queue = RenderQueue();
        var urgent = Alert("ROUSSEAU Hélène", AlertPriority.Urgent);
        _alerts.Add(urgent);

        _feed.Publish(new AlertChanged(urgent.AlertId, Establishment, AlertChangeKind.Raised));

        queue.WaitForAssertion(() => Assert.Contains("New urgent alert: ROUSSEAU Hélène", SnackbarText(), StringComparison.Ordinal));
    }

    private string SnackbarText() =>
        string.Join(" | ", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message));
}
