using System.Globalization;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Web.Components.Alerts;

/// <summary>What a live change did to the queue the user looks at, in words for a snackbar; null when nothing they see changed.</summary>
public static class QueueChange
{
    public static string? Describe(AlertChanged change, AlertQueuePage? before, AlertQueuePage? after, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(localizer);
        var was = before?.Alerts.Items.FirstOrDefault(r => r.AlertId == change.AlertId);
        var now = after?.Alerts.Items.FirstOrDefault(r => r.AlertId == change.AlertId);
        if (change.Kind == AlertChangeKind.Raised)
        {
            if (now is not null)
            {
                return localizer["Queue.NewAlert", Word(now.Priority, localizer), now.PatientName].Value;
            }

            // Raised on another page of the queue: the counts say its priority, the page does not have its name.
            return Risen(before?.Counts, after?.Counts) is { } priority
                ? localizer["Queue.NewAlertElsewhere", Word(priority, localizer)].Value
                : null;
        }

        if (was is not null && now is null)
        {
            return localizer["Queue.AlertLeft", was.PatientName].Value;
        }

        return was is not null && now is not null && was.Status != now.Status
            ? localizer["Queue.AlertMoved", now.PatientName, localizer[$"AlertStatus.{now.Status}"].Value].Value
            : null;
    }

    private static string Word(AlertPriority priority, IStringLocalizer localizer) =>
        localizer[$"Priority.{priority}"].Value.ToLower(CultureInfo.CurrentCulture);

    private static AlertPriority? Risen(AlertQueueCounts? before, AlertQueueCounts? after)
    {
        if (before is null || after is null)
        {
            return null;
        }

        return after.Urgent > before.Urgent ? AlertPriority.Urgent
            : after.High > before.High ? AlertPriority.High
            : after.Medium > before.Medium ? AlertPriority.Medium
            : after.Low > before.Low ? AlertPriority.Low
            : null;
    }
}
