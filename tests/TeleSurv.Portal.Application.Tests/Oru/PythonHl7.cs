using System.Diagnostics;
using System.Text.Json;

namespace TeleSurv.Portal.Application.Tests.Oru;

/// <summary>
/// Reads a message with Debian's python3-hl7, a parser no one here wrote, so that the fields the tests check do not
/// depend on our own codec.
/// </summary>
public static class PythonHl7
{
    // Debian's interpreter: python3-hl7 is installed for it, whatever python3 comes first on the PATH.
    private const string Interpreter = "/usr/bin/python3";

    private const string Script = """
        import sys, json, hl7
        message = hl7.parse(sys.stdin.read().replace('\n', '\r'))
        def value(path):
            try:
                return message.unescape(str(message[path]))
            except Exception:
                return None
        fields = {path: value(path) for path in sys.argv[1:]}
        observations = []
        for segment in message.segments('OBX'):
            observations.append({str(i): (message.unescape(str(segment[i])) if len(segment) > i else '') for i in range(1, 15)})
        print(json.dumps({'fields': fields, 'obx': observations, 'segments': [str(s[0]) for s in message]}))
        """;

    /// <summary>The values at each accessor (python-hl7's syntax, e.g. <c>PID.F3.R2.C4.S2</c>), the OBX fields and the segment names.</summary>
    public static async Task<ParsedByPython> ParseAsync(string message, params string[] accessors)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (var accessor in accessors)
        {
            start.ArgumentList.Add(accessor);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        await process.StandardInput.WriteAsync(message);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3-hl7 could not read the message: {error}");
        }

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        return new ParsedByPython(
            root.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()),
            [.. root.GetProperty("obx").EnumerateArray().Select(o => (IReadOnlyDictionary<int, string>)o.EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetString() ?? ""))],
            [.. root.GetProperty("segments").EnumerateArray().Select(s => s.GetString()!)]);
    }
}

/// <param name="Observations">Each OBX, field number to its text (unescaped, components still joined by ^).</param>
public sealed record ParsedByPython(
    IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<IReadOnlyDictionary<int, string>> Observations, IReadOnlyList<string> Segments)
{
    public string? this[string accessor] => Fields[accessor];
}
