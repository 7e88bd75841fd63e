using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace TeleSurv.Portal.Infrastructure.Persistence;

/// <summary>Keys of owned rows, which the domain does not name: time-ordered like every other key of the portal.</summary>
internal sealed class Version7GuidValueGenerator : ValueGenerator<Guid>
{
    public override bool GeneratesTemporaryValues => false;

    public override Guid Next(EntityEntry entry) => Guid.CreateVersion7();
}
