using System.Linq.Expressions;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Application.Alerts;

internal static class AlertOrdering
{
    /// <summary>
    /// Triage rank of the priority (0 = urgent). Enums are stored by name, so ordering by the column itself would
    /// sort them alphabetically.
    /// </summary>
    public static readonly Expression<Func<Alert, int>> PriorityRank = a =>
        a.Priority == AlertPriority.Urgent ? 0
        : a.Priority == AlertPriority.High ? 1
        : a.Priority == AlertPriority.Medium ? 2
        : 3;

    /// <summary>Statuses shown when the caller asks for none: everything still to be handled.</summary>
    public static readonly AlertStatus[] Unresolved = [AlertStatus.Open, AlertStatus.InProgress, AlertStatus.Escalated];
}
