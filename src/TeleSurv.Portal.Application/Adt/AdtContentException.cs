namespace TeleSurv.Portal.Application.Adt;

/// <summary>The message cannot be applied as it is: answered AE (or AR for an unacceptable MSH-9/11/12) with its issue.</summary>
internal sealed class AdtContentException(AdtIssue issue) : Exception(issue.Message)
{
    public AdtIssue Issue { get; } = issue;
}
