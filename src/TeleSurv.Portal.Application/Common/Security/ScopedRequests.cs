namespace TeleSurv.Portal.Application.Common.Security;

/// <summary>A request about one establishment: refused unless it is one of the user's.</summary>
public interface IEstablishmentScopedRequest
{
    Guid EstablishmentId { get; }
}

/// <summary>A list request that may be narrowed to one establishment: when set, it must be one of the user's.</summary>
public interface IEstablishmentFilteredRequest
{
    Guid? EstablishmentId { get; }
}

/// <summary>A request about one patient: the patient must be visible to the user (see <see cref="PatientVisibility"/>).</summary>
public interface IPatientScopedRequest
{
    Guid PatientId { get; }
}

/// <summary>A request about one alert: the alert must belong to one of the user's establishments.</summary>
public interface IAlertScopedRequest
{
    Guid AlertId { get; }
}
