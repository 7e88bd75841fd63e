namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>
/// A patient's link cannot be used: unknown, expired, revoked, or its follow-up is paused or ended.
/// The message is fit to show to the patient and never quotes the token.
/// </summary>
public sealed class PatientLinkRejectedException : Exception
{
    public PatientLinkRejectedException()
        : this(PatientLinkStatus.Unknown)
    {
    }

    public PatientLinkRejectedException(string message)
        : base(message)
    {
        Status = PatientLinkStatus.Unknown;
    }

    public PatientLinkRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = PatientLinkStatus.Unknown;
    }

    public PatientLinkRejectedException(PatientLinkStatus status)
        : base(Describe(status))
    {
        Status = status;
    }

    public PatientLinkStatus Status { get; }

    /// <summary>The link itself is no credential (unknown, expired, revoked), as opposed to a follow-up that does not take answers now.</summary>
    public bool IsInvalidCredential => Status is PatientLinkStatus.Unknown or PatientLinkStatus.Expired or PatientLinkStatus.Revoked;

    public static string Describe(PatientLinkStatus status) => status switch
    {
        PatientLinkStatus.Unknown => "This questionnaire link is not valid.",
        PatientLinkStatus.Expired => "This questionnaire link has expired; ask your care team for a new one.",
        PatientLinkStatus.Revoked => "This questionnaire link has been withdrawn; ask your care team for a new one.",
        PatientLinkStatus.Paused => "Your follow-up is paused: no questionnaire is expected for now.",
        PatientLinkStatus.Ended => "Your follow-up has ended: no questionnaire is expected any more.",
        _ => "This questionnaire link can be used.",
    };
}
