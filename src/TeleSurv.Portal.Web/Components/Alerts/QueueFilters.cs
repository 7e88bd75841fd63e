using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Web.Components.Alerts;

/// <summary>
/// The queue's filters as the nurse last left them. Kept in the browser's storage under the user's own key
/// (protected by the server's data-protection keys), so each user of a shared workstation finds their own.
/// </summary>
public sealed record QueueFilters
{
    public Guid? EstablishmentId { get; init; }

    public IReadOnlyList<AlertPriority> Priorities { get; init; } = [];

    /// <summary>One status; null for every status still to be handled.</summary>
    public AlertStatus? Status { get; init; }

    public string? ItemKey { get; init; }

    public bool MineOnly { get; init; }

    public bool OverdueOnly { get; init; }

    public static string StorageKey(Guid staffMemberId) => $"telesurv.queue-filters.{staffMemberId:N}";

    /// <summary>The filters still valid for the user: an establishment they left or an unknown symptom is dropped.</summary>
    public QueueFilters For(IReadOnlyCollection<Guid> establishmentIds, IReadOnlyCollection<string> itemKeys) => this with
    {
        EstablishmentId = EstablishmentId is { } id && establishmentIds.Contains(id) ? id : null,
        ItemKey = ItemKey is { } key && itemKeys.Contains(key) ? key : null,
        Priorities = [.. Priorities.Where(Enum.IsDefined).Distinct()],
        Status = Status is { } status && Enum.IsDefined(status) ? status : null,
    };

    public GetAlertQueueQuery ToQuery(int page) => new()
    {
        EstablishmentId = EstablishmentId,
        Priorities = Priorities.Count > 0 ? Priorities : null,
        Statuses = Status is { } status ? [status] : null,
        ItemKey = ItemKey,
        MineOnly = MineOnly,
        OverdueOnly = OverdueOnly,
        Page = page,
    };
}
