using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TeleSurv.Portal.Infrastructure.Persistence;

/// <summary>
/// Stores only UTC values and reads them back as UTC. A local or unspecified value is refused, as Npgsql refuses
/// it for timestamptz, so a time-zone mistake fails the same way on SQLite as on PostgreSQL.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => RequireUtc(value),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    private static DateTime RequireUtc(DateTime value) =>
        value.Kind == DateTimeKind.Utc
            ? value
            : throw new ArgumentException(
                $"Only UTC date-times are stored; got {value:O} with kind {value.Kind}.", nameof(value));
}
