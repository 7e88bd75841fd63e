using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Domain.Alerts.Rules;

/// <summary>What the alert rules look at for one response.</summary>
public sealed class ResponseAlertInput
{
    /// <summary>Graded answers of this response.</summary>
    public required IReadOnlyList<ItemAnswer> Answers { get; init; }

    /// <summary>Graded answers of the previous answered week; null when there is none.</summary>
    public IReadOnlyList<ItemAnswer>? PreviousAnswers { get; init; }

    public decimal? TemperatureCelsius { get; init; }

    /// <summary>The patient said this needs attention today.</summary>
    public bool PatientUrgent { get; init; }

    /// <summary>The enrollment's treatment includes cytotoxic chemotherapy.</summary>
    public bool CytotoxicChemotherapy { get; init; }

    /// <summary>The enrollment's expected levels; those that apply at <see cref="At"/> suppress findings.</summary>
    public IReadOnlyList<ExpectedLevel> ExpectedLevels { get; init; } = [];

    /// <summary>When the response was submitted (UTC): the time expected levels are judged at.</summary>
    public required DateTime At { get; init; }
}
