using TeleSurv.Portal.Domain.Grading;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>Answer labels of one attribute; the label at index n is the answer scored n.</summary>
public sealed class AnswerScale
{
    public required ProCtcaeAttributeKind Attribute { get; init; }

    public required IReadOnlyList<LocalizedText> Labels { get; init; }

    public int MaxScore => Labels.Count - 1;
}
