using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Web.Components.Shared;

namespace TeleSurv.Portal.Web.Components.Alerts;

/// <summary>
/// The queue's rows' own cells (the patient, the times, the act button's label and handler), made once per row and
/// kept while the page shows that row unchanged: MudDataGrid keeps a row's last two renders, renders a loaded page
/// more than once and a live change reloads it, and a row kept here holds one string per cell in both renders instead
/// of one in each. A row is its value (a changed alert is another row); its times are made again when the minute
/// changes.
/// </summary>
public sealed class QueueRowCells(TimeProvider clock, IStringLocalizer localizer)
{
    private Dictionary<AlertQueueRow, Row> rows = [];

    /// <summary>Keeps the cells of the rows a page shows, and only those.</summary>
    public void Show(IReadOnlyCollection<AlertQueueRow> shown)
    {
        var kept = new Dictionary<AlertQueueRow, Row>(shown.Count);
        foreach (var row in shown)
        {
            kept[row] = rows.GetValueOrDefault(row) ?? new Row();
        }

        rows = kept;
    }

    public MarkupString Patient(AlertQueueRow row) => Of(row).Patient ??= AlertQueueCells.Patient(row, localizer);

    public MarkupString Raised(AlertQueueRow row) => Times(row).Raised;

    public MarkupString Due(AlertQueueRow row) => Times(row).Due;

    /// <summary>The act button's accessible name ("Claim the alert of …"); a row offers one act to a user.</summary>
    public string ActName(AlertQueueRow row, string textKey) => Of(row).ActName ??= localizer[textKey, row.PatientName];

    /// <summary>The act button's handler, one delegate per row.</summary>
    public Func<Task> Act(AlertQueueRow row, Func<AlertQueueRow, Task> act) => Of(row).Act ??= () => act(row);

    private Row Of(AlertQueueRow row)
    {
        if (!rows.TryGetValue(row, out var cells))
        {
            cells = new Row();
            rows[row] = cells;
        }

        return cells;
    }

    private (MarkupString Raised, MarkupString Due) Times(AlertQueueRow row)
    {
        var cells = Of(row);
        var minute = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        if (cells.TimesMinute != minute)
        {
            cells.Times = (RelativeTime.Of(row.RaisedAt, deadline: false, clock, localizer), AlertQueueCells.Due(row, clock, localizer));
            cells.TimesMinute = minute;
        }

        return cells.Times;
    }

    private sealed class Row
    {
        public MarkupString? Patient { get; set; }

        public string? ActName { get; set; }

        public Func<Task>? Act { get; set; }

        public long TimesMinute { get; set; } = -1;

        public (MarkupString Raised, MarkupString Due) Times { get; set; }
    }
}
