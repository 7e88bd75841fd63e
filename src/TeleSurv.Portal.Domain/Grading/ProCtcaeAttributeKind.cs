namespace TeleSurv.Portal.Domain.Grading;

/// <summary>An attribute of a PRO-CTCAE item, in the NCI's asking order.</summary>
public enum ProCtcaeAttributeKind
{
    /// <summary>How often (0 never … 4 almost constantly).</summary>
    Frequency = 0,

    /// <summary>How bad at its worst (0 none … 4 very severe).</summary>
    Severity = 1,

    /// <summary>How much it got in the way of usual activities (0 not at all … 4 very much).</summary>
    Interference = 2,

    /// <summary>Yes/no; not composite-graded.</summary>
    Presence = 3,
}
