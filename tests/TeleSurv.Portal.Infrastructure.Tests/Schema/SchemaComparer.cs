namespace TeleSurv.Portal.Infrastructure.Tests.Schema;

public static class SchemaComparer
{
    /// <summary>Every fact of one schema missing from the other, each line saying on which side it was found.</summary>
    public static IReadOnlyList<string> Differences(
        DatabaseSchema expected, DatabaseSchema actual, string expectedLabel = "expected", string actualLabel = "actual")
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);

        var expectedFacts = expected.Facts();
        var actualFacts = actual.Facts();
        return expectedFacts.Except(actualFacts).Select(f => $"only in {expectedLabel}: {f}")
            .Concat(actualFacts.Except(expectedFacts).Select(f => $"only in {actualLabel}: {f}"))
            .ToList();
    }
}
