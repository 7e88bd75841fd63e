namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>A measured value the patient types in (temperature, weight), accepted within a plausible range.</summary>
public sealed class MeasurementQuestion
{
    public required LocalizedText Question { get; init; }

    public LocalizedText? Hint { get; init; }

    public required string Unit { get; init; }

    /// <summary>Lowest plausible value, inclusive.</summary>
    public required decimal Min { get; init; }

    /// <summary>Highest plausible value, inclusive.</summary>
    public required decimal Max { get; init; }

    /// <summary>Input step suggested to the form.</summary>
    public required decimal Step { get; init; }

    public required bool Required { get; init; }
}

/// <summary>A yes/no question outside PRO-CTCAE (the patient's own sense of urgency).</summary>
public sealed class YesNoQuestion
{
    public required LocalizedText Question { get; init; }

    public LocalizedText? Hint { get; init; }

    public required bool Required { get; init; }
}

/// <summary>A free-text question.</summary>
public sealed class TextQuestion
{
    public required LocalizedText Question { get; init; }

    public required int MaxLength { get; init; }
}
