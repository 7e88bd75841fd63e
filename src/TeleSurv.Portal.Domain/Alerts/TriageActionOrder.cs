namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>
/// The order acts happened in. One command can record two acts at the same instant (the oncologist's decision and
/// the resolution it calls for): the act that closes, corrects or withdraws comes after the others of its instant.
/// </summary>
public static class TriageActionOrder
{
    /// <summary>0 for an ordinary act, 1 for the act that closes, corrects or withdraws the report.</summary>
    public static int ClosingRank(TriageActionKind kind) => kind is TriageActionKind.Resolution or TriageActionKind.Correction or TriageActionKind.Withdrawal ? 1 : 0;

    public static IOrderedEnumerable<TriageAction> InOrder(this IEnumerable<TriageAction> actions) =>
        actions.OrderBy(a => a.At).ThenBy(a => ClosingRank(a.Kind)).ThenBy(a => a.Id);
}
