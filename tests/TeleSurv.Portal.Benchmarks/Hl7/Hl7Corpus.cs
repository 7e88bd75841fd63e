namespace TeleSurv.Portal.Benchmarks.Hl7;

/// <summary>
/// The golden messages of the HL7 tests (LF turned into CR), the same files tests/bench/hl7-parse-compare.sh
/// gives python-hl7. TELESURV_HL7_CORPUS names another folder of *.hl7 files.
/// </summary>
internal static class Hl7Corpus
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("TELESURV_HL7_CORPUS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(FindRoot(), "tests", "TeleSurv.Portal.Hl7.Tests", "TestData", "Golden");

    public static byte[] Load(string fileName) => ToCarriageReturns(File.ReadAllBytes(Path.Combine(Folder, fileName)));

    public static byte[][] LoadAll() =>
        Directory.EnumerateFiles(Folder, "*.hl7").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).Select(ToCarriageReturns).ToArray();

    private static byte[] ToCarriageReturns(byte[] bytes) => bytes.Select(b => b == (byte)'\n' ? (byte)'\r' : b).ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeleSurv.Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds TeleSurv.Portal.sln; set TELESURV_HL7_CORPUS.");
    }
}
