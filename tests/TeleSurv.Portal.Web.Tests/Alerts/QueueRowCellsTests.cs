using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Localization;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

public sealed class QueueRowCellsTests : PortalComponentTest
{
    private readonly SettableClock _clock = new();
    private readonly QueueRowCells _cells;

    public QueueRowCellsTests() => _cells = new QueueRowCells(_clock, Services.GetRequiredService<IStringLocalizer<SharedResource>>());

    private AlertQueueRow Alert(string name = "ROUSSEAU Hélène") =>
        new(Guid.CreateVersion7(), AlertPriority.Urgent, AlertKind.Response, AlertStatus.Open, Guid.CreateVersion7(), Guid.CreateVersion7(), name, 67,
            "10482913", "fever", 3, Worsened: false, _clock.GetUtcNow().UtcDateTime.AddMinutes(-90), _clock.GetUtcNow().UtcDateTime.AddMinutes(30),
            IsOverdue: false, null, null, Guid.CreateVersion7());

    [Fact]
    public void A_row_shown_again_unchanged_keeps_its_cells_even_when_read_again()
    {
        var row = Alert();
        _cells.Show([row]);
        var patient = _cells.Patient(row).Value;
        var raised = _cells.Raised(row).Value;
        var name = _cells.ActName(row, "Alerts.ClaimFor");

        // A live change elsewhere reloads the page: the same alert comes back as another object of equal value.
        var reread = row with { };
        _cells.Show([reread]);

        Assert.Same(patient, _cells.Patient(reread).Value);
        Assert.Same(raised, _cells.Raised(reread).Value);
        Assert.Same(name, _cells.ActName(reread, "Alerts.ClaimFor"));
        Assert.Contains("ROUSSEAU Hélène", patient, StringComparison.Ordinal);
        Assert.Equal("Prendre en charge l'alerte de ROUSSEAU Hélène", name);
    }

    [Fact]
    public void A_changed_alert_is_another_row_with_its_own_cells()
    {
        var row = Alert();
        _cells.Show([row]);
        var patient = _cells.Patient(row).Value;

        var claimed = row with { Status = AlertStatus.InProgress, ClaimedByName = "Claire Martin", Version = Guid.CreateVersion7() };
        _cells.Show([claimed]);

        Assert.NotSame(patient, _cells.Patient(claimed).Value);
        Assert.Contains("data-status=\"InProgress\"", _cells.Patient(claimed).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_times_are_written_again_when_the_minute_changes()
    {
        var row = Alert();
        _cells.Show([row]);
        var raised = _cells.Raised(row).Value;
        var due = _cells.Due(row).Value;
        Assert.Contains("il y a 1 h", raised, StringComparison.Ordinal);
        Assert.Contains("dans 30 min", due, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(due, _cells.Due(row).Value);

        _clock.Advance(TimeSpan.FromMinutes(45));
        Assert.Contains("il y a 2 h", _cells.Raised(row).Value, StringComparison.Ordinal);
        Assert.Contains("en retard de 15 min", _cells.Due(row).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_rows_a_page_shows_are_kept()
    {
        var first = Alert("ROUSSEAU Hélène");
        var second = Alert("MOREL Jacques");
        _cells.Show([first, second]);
        var patient = _cells.Patient(first).Value;

        _cells.Show([second]);
        _cells.Show([first, second]);

        Assert.NotSame(patient, _cells.Patient(first).Value);
        Assert.Equal(patient, _cells.Patient(first).Value);
    }

    [Fact]
    public async Task A_row_has_one_act_handler_which_acts_on_that_row()
    {
        var row = Alert();
        _cells.Show([row]);
        var acted = new List<AlertQueueRow>();
        Task Act(AlertQueueRow target)
        {
            acted.Add(target);
            return Task.CompletedTask;
        }

        var handler = _cells.Act(row, Act);
        Assert.Same(handler, _cells.Act(row, Act));

        await handler();

        Assert.Equal([row], acted);
    }
}
