namespace TeleSurv.Portal.Web.Components.Alerts;

/// <summary>
/// The report's plain text (docs/triage-workflow.md) read back as a document: the first line is its title, a line
/// followed by "- " lines heads the list they make, every other line is a line of its own. The text stays the one
/// source: what is shown is what the hospital received, only laid out.
/// </summary>
public static class ReportDocument
{
    private const string Bullet = "- ";

    public static IReadOnlyList<ReportBlock> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var blocks = new List<ReportBlock>();
        var first = true;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (first)
            {
                blocks.Add(new ReportBlock(ReportBlockKind.Title, [line.Trim()]));
                first = false;
            }
            else if (line.StartsWith(Bullet, StringComparison.Ordinal))
            {
                var items = new List<string>();
                for (; i < lines.Count && lines[i].StartsWith(Bullet, StringComparison.Ordinal); i++)
                {
                    items.Add(lines[i][Bullet.Length..].Trim());
                }

                i--;
                blocks.Add(new ReportBlock(ReportBlockKind.List, items));
            }
            else
            {
                var heads = i + 1 < lines.Count && lines[i + 1].StartsWith(Bullet, StringComparison.Ordinal);
                blocks.Add(new ReportBlock(heads ? ReportBlockKind.Heading : ReportBlockKind.Line, [line.Trim()]));
            }
        }

        return blocks;
    }
}

public enum ReportBlockKind
{
    Title,
    Heading,
    Line,
    List,
}

public sealed record ReportBlock(ReportBlockKind Kind, IReadOnlyList<string> Lines);
