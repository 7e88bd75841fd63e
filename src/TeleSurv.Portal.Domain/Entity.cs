namespace TeleSurv.Portal.Domain;

/// <summary>Base of every persisted entity: an application-generated, time-ordered (version 7) GUID key.</summary>
public abstract class Entity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
}
