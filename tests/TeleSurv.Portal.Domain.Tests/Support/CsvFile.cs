namespace TeleSurv.Portal.Domain.Tests.Support;

/// <summary>Reads the small comma-separated reference files (no quoting) as header-keyed rows.</summary>
internal static class CsvFile
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return lines[1..]
            .Select(line =>
            {
                var cells = line.Split(',');
                Assert.Equal(header.Length, cells.Length);
                return (IReadOnlyDictionary<string, string>)header
                    .Zip(cells)
                    .ToDictionary(p => p.First, p => p.Second);
            })
            .ToList();
    }
}
