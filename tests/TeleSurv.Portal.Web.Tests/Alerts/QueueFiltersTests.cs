using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Web.Components.Alerts;

namespace TeleSurv.Portal.Web.Tests.Alerts;

public sealed class QueueFiltersTests
{
    private static readonly Guid Mine = Guid.CreateVersion7();

    [Fact]
    public void Stored_filters_become_the_queue_query()
    {
        var filters = new QueueFilters
        {
            EstablishmentId = Mine,
            Priorities = [AlertPriority.Urgent, AlertPriority.High],
            Status = AlertStatus.Escalated,
            ItemKey = "nausea",
            MineOnly = true,
            OverdueOnly = true,
        };

        var query = filters.ToQuery(page: 3);

        Assert.Equal(Mine, query.EstablishmentId);
        Assert.Equal([AlertPriority.Urgent, AlertPriority.High], query.Priorities);
        Assert.Equal([AlertStatus.Escalated], query.Statuses);
        Assert.Equal("nausea", query.ItemKey);
        Assert.True(query.MineOnly);
        Assert.True(query.OverdueOnly);
        Assert.Equal(3, query.Page);
    }

    [Fact]
    public void No_filter_asks_for_every_unresolved_alert()
    {
        var query = new QueueFilters().ToQuery(page: 1);

        Assert.Null(query.EstablishmentId);
        Assert.Null(query.Priorities);
        Assert.Null(query.Statuses);
        Assert.Null(query.ItemKey);
        Assert.False(query.MineOnly || query.OverdueOnly);
    }

    [Fact]
    public void A_stored_establishment_the_user_left_or_an_unknown_symptom_is_dropped()
    {
        var stored = new QueueFilters
        {
            EstablishmentId = Guid.CreateVersion7(),
            ItemKey = "removed_item",
            Priorities = [AlertPriority.Low, AlertPriority.Low, (AlertPriority)42],
            Status = (AlertStatus)42,
        };

        var kept = stored.For([Mine], ["nausea"]);

        Assert.Null(kept.EstablishmentId);
        Assert.Null(kept.ItemKey);
        Assert.Equal([AlertPriority.Low], kept.Priorities);
        Assert.Null(kept.Status);
        Assert.Equal(Mine, (stored with { EstablishmentId = Mine }).For([Mine], []).EstablishmentId);
    }

    [Fact]
    public void Each_user_has_their_own_storage_key()
    {
        Assert.NotEqual(QueueFilters.StorageKey(Guid.CreateVersion7()), QueueFilters.StorageKey(Guid.CreateVersion7()));
    }
}
