namespace TeleSurv.Portal.Hl7.Tests.Support;

/// <summary>The test messages under TestData/, found from the repository root.</summary>
internal static class TestFiles
{
    public static string TestData { get; } = Path.Combine(FindRoot(), "tests", "TeleSurv.Portal.Hl7.Tests", "TestData");

    public static string GoldenFolder => Path.Combine(TestData, "Golden");

    public static string BadInputsFolder => Path.Combine(TestData, "BadInputs");

    /// <summary>A golden message with its LF line ends turned into the CR that HL7 requires.</summary>
    public static byte[] Golden(string fileName) => ToCarriageReturns(GoldenAsStored(fileName));

    /// <summary>A golden message as stored (one segment per LF-ended line).</summary>
    public static byte[] GoldenAsStored(string fileName) => File.ReadAllBytes(Path.Combine(GoldenFolder, fileName));

    public static IEnumerable<string> GoldenFileNames() =>
        Directory.EnumerateFiles(GoldenFolder, "*.hl7").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static byte[] ToCarriageReturns(byte[] bytes) => bytes.Select(b => b == (byte)'\n' ? (byte)'\r' : b).ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeleSurv.Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds TeleSurv.Portal.sln.");
    }
}
