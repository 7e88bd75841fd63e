namespace TeleSurv.Portal.Domain.Adt;

/// <summary>What a trigger event of IHE PAM (national extension France 2.11) asks a receiver to do.</summary>
public enum PamEventKind
{
    /// <summary>Not a PAM France event: acknowledged and ignored ("tout trigger event non connu est ignoré en réception").</summary>
    Unknown = 0,

    /// <summary>ITI-30 A28 create, A31 update (and A08 when the feed is not PAM France).</summary>
    IdentityUpdate = 1,

    /// <summary>ITI-30 A40: the MRG-1 patient is absorbed into the PID-3 patient.</summary>
    Merge = 2,

    /// <summary>ITI-30 A47: the identifier list changes (IPP, INS, INS deletion).</summary>
    IdentifierChange = 3,

    /// <summary>ITI-31: a movement is inserted, updated (Z99) or cancelled, as ZBE-4 says.</summary>
    Movement = 4,
}

/// <summary>ZBE-4: what a movement message does to the movement named by ZBE-1.</summary>
public enum MovementAction
{
    Insert = 0,

    /// <summary>Only with Z99, which names the original event in ZBE-6.</summary>
    Update = 1,

    Cancel = 2,
}

/// <summary>
/// The trigger events of IHE PAM France and their rules: which ones notify a movement, which cancel which, and
/// which ZBE-4 actions each may carry (PAM FR 2.11 §2 and §5.3).
/// </summary>
public static class PamFranceEvents
{
    /// <summary>Events that notify a movement (ZBE-4 INSERT), with the events that cancel it.</summary>
    private static readonly Dictionary<string, string[]> Notifications = new(StringComparer.Ordinal)
    {
        ["A01"] = ["A11"],
        ["A04"] = ["A11"],
        ["A05"] = ["A38"],
        ["A02"] = ["A12"],
        ["A03"] = ["A13"],
        ["A06"] = ["A07"],
        ["A07"] = ["A06"],
        ["A21"] = ["A52"],
        ["A22"] = ["A53"],
        ["A54"] = ["A55"],
    };

    /// <summary>Cancellation events (ZBE-4 CANCEL), with the events they may cancel (ZBE-6).</summary>
    private static readonly Dictionary<string, string[]> Cancellations = new(StringComparer.Ordinal)
    {
        ["A11"] = ["A01", "A04"],
        ["A38"] = ["A05"],
        ["A12"] = ["A02"],
        ["A13"] = ["A03"],
        ["A52"] = ["A21"],
        ["A53"] = ["A22"],
        ["A55"] = ["A54"],
        ["A06"] = ["A07"],
        ["A07"] = ["A06"],
    };

    public const string Update = "Z99";

    /// <summary>The kind of <paramref name="trigger"/>; A08 is an identity update only when <paramref name="pamFrance"/> is false.</summary>
    public static PamEventKind KindOf(string? trigger, bool pamFrance) => trigger switch
    {
        "A28" or "A31" => PamEventKind.IdentityUpdate,
        "A08" when !pamFrance => PamEventKind.IdentityUpdate,
        "A40" => PamEventKind.Merge,
        "A47" => PamEventKind.IdentifierChange,
        Update => PamEventKind.Movement,
        not null when Notifications.ContainsKey(trigger) || Cancellations.ContainsKey(trigger) => PamEventKind.Movement,
        _ => PamEventKind.Unknown,
    };

    /// <summary>A trigger that notifies a movement of its own (what Z99 and cancellations refer to in ZBE-6).</summary>
    public static bool IsNotification(string trigger) => Notifications.ContainsKey(trigger);

    /// <summary>
    /// Why <paramref name="action"/> may not come with <paramref name="trigger"/> (and ZBE-6 <paramref name="originalTrigger"/>),
    /// or null when it may: Z99 only updates, cancellations only cancel, notifications only insert, and A06/A07
    /// insert or cancel each other.
    /// </summary>
    public static string? CheckAction(string trigger, MovementAction action, string? originalTrigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (trigger == Update)
        {
            if (action != MovementAction.Update)
            {
                return "Z99 only updates a movement: ZBE-4 must be UPDATE.";
            }

            return originalTrigger is null || !IsNotification(originalTrigger)
                ? "Z99 must name in ZBE-6 the event that created the movement (A01, A02, A03, A04, A05, A06, A07, A21, A22 or A54)."
                : null;
        }

        if (action == MovementAction.Update)
        {
            return $"Only Z99 updates a movement; {trigger} cannot carry ZBE-4 UPDATE.";
        }

        if (action == MovementAction.Cancel)
        {
            if (!Cancellations.TryGetValue(trigger, out var cancellable))
            {
                return $"{trigger} notifies a movement and cannot carry ZBE-4 CANCEL.";
            }

            return originalTrigger is null || !cancellable.Contains(originalTrigger, StringComparer.Ordinal)
                ? $"{trigger} cancels {string.Join(" or ", cancellable)}: ZBE-6 must name it."
                : null;
        }

        return IsNotification(trigger) ? null : $"{trigger} cancels a movement: ZBE-4 must be CANCEL.";
    }
}
