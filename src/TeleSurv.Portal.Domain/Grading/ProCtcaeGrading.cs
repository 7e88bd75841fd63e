using System.Globalization;

namespace TeleSurv.Portal.Domain.Grading;

/// <summary>
/// The PRO-CTCAE composite grading algorithm (Basch et al., Clin Trials 2021;18(1):104-114): the 0-4 attribute
/// scores of one item map to a composite grade 0-3. The published table is data, embedded from
/// Grading/pro-ctcae-composite-grades.csv and read once.
/// </summary>
public static class ProCtcaeGrading
{
    /// <summary>Version of the grading table, stored with every graded response.</summary>
    public const string TableVersion = "basch-2021";

    public const int MinScore = 0;

    public const int MaxScore = 4;

    public const int MaxGrade = 3;

    /// <summary>Number of score combinations the published table lists (101 + 3 × 21 + 3 × 5).</summary>
    public const int PublishedCombinations = 179;

    private const string ResourceName = "grading/pro-ctcae-composite-grades.csv";
    private const string ExpectedHeader = "attributes,frequency,severity,interference,composite_grade";

    // Pattern bits; absent attributes sit at score 0 in the index.
    private const int FrequencyBit = 1;
    private const int SeverityBit = 2;
    private const int InterferenceBit = 4;
    private const int CellsPerPattern = 125;

    private static readonly sbyte[] Grades = LoadTable();

    /// <summary>
    /// Composite grade 0-3 of one item. The item's attribute pattern is the set of non-null arguments; an
    /// attribute skipped by branching must be passed as 0, not null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0-4.</exception>
    /// <exception cref="ArgumentException">No score is given.</exception>
    public static int CompositeGrade(int? frequency, int? severity, int? interference)
    {
        var pattern = 0;
        if (frequency is { } f)
        {
            CheckScore(f, nameof(frequency));
            pattern |= FrequencyBit;
        }

        if (severity is { } s)
        {
            CheckScore(s, nameof(severity));
            pattern |= SeverityBit;
        }

        if (interference is { } i)
        {
            CheckScore(i, nameof(interference));
            pattern |= InterferenceBit;
        }

        if (pattern == 0)
        {
            throw new ArgumentException("At least one of frequency, severity or interference is required.");
        }

        return Grades[Index(pattern, frequency ?? 0, severity ?? 0, interference ?? 0)];
    }

    private static void CheckScore(int score, string paramName)
    {
        if (score is < MinScore or > MaxScore)
        {
            throw new ArgumentOutOfRangeException(paramName, score, "A PRO-CTCAE score is between 0 and 4.");
        }
    }

    private static int Index(int pattern, int frequency, int severity, int interference) =>
        (pattern * CellsPerPattern) + (frequency * 25) + (severity * 5) + interference;

    private static sbyte[] LoadTable()
    {
        using var stream = typeof(ProCtcaeGrading).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return BuildTable(reader);
    }

    /// <summary>Parses and checks a grading table; the index layout is private to this class.</summary>
    internal static sbyte[] BuildTable(TextReader reader)
    {
        var grades = new sbyte[8 * CellsPerPattern];
        Array.Fill(grades, (sbyte)-1);

        if (reader.ReadLine() != ExpectedHeader)
        {
            throw new InvalidDataException($"The grading table must start with '{ExpectedHeader}'.");
        }

        var rows = 0;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var columns = line.Split(',');
            if (columns.Length != 5)
            {
                throw Invalid(lineNumber, "expected 5 columns");
            }

            var pattern = ParsePattern(columns[0], lineNumber);
            var frequency = ParseScore(columns[1], (pattern & FrequencyBit) != 0, lineNumber);
            var severity = ParseScore(columns[2], (pattern & SeverityBit) != 0, lineNumber);
            var interference = ParseScore(columns[3], (pattern & InterferenceBit) != 0, lineNumber);
            if (!int.TryParse(columns[4], NumberStyles.None, CultureInfo.InvariantCulture, out var grade)
                || grade > MaxGrade)
            {
                throw Invalid(lineNumber, "composite grade must be 0-3");
            }

            var index = Index(pattern, frequency, severity, interference);
            if (grades[index] != -1)
            {
                throw Invalid(lineNumber, "duplicate combination");
            }

            grades[index] = (sbyte)grade;
            rows++;
        }

        if (rows != PublishedCombinations)
        {
            throw new InvalidDataException(
                $"The grading table lists {rows} combinations; the published algorithm has {PublishedCombinations}.");
        }

        FillUnlistedCombinations(grades);
        return grades;
    }

    // The table lists a single row when the pattern's first attribute is 0 (the others are then not asked).
    // The algorithm's rule for that case is grade 0 whatever the other scores; anything else unlisted is an error.
    private static void FillUnlistedCombinations(sbyte[] grades)
    {
        for (var pattern = 1; pattern < 8; pattern++)
        {
            var firstBit = pattern & -pattern;
            for (var f = 0; f <= MaxScore; f++)
            {
                for (var s = 0; s <= MaxScore; s++)
                {
                    for (var i = 0; i <= MaxScore; i++)
                    {
                        if (!Fits(pattern, FrequencyBit, f) || !Fits(pattern, SeverityBit, s)
                            || !Fits(pattern, InterferenceBit, i))
                        {
                            continue;
                        }

                        var index = Index(pattern, f, s, i);
                        var first = firstBit switch
                        {
                            FrequencyBit => f,
                            SeverityBit => s,
                            _ => i,
                        };
                        if (first == 0)
                        {
                            if (grades[index] > 0)
                            {
                                throw new InvalidDataException(
                                    "The grading table grades a combination whose first attribute is 0 above 0.");
                            }

                            grades[index] = 0;
                        }
                        else if (grades[index] == -1)
                        {
                            throw new InvalidDataException(
                                $"The grading table lacks the combination frequency={f}, severity={s}, interference={i} "
                                + $"for pattern {pattern}.");
                        }
                    }
                }
            }
        }
    }

    private static bool Fits(int pattern, int bit, int score) => (pattern & bit) != 0 || score == 0;

    private static int ParsePattern(string text, int lineNumber)
    {
        var pattern = 0;
        foreach (var name in text.Split('+'))
        {
            var bit = name switch
            {
                "frequency" => FrequencyBit,
                "severity" => SeverityBit,
                "interference" => InterferenceBit,
                _ => throw Invalid(lineNumber, $"unknown attribute '{name}'"),
            };
            if ((pattern & bit) != 0)
            {
                throw Invalid(lineNumber, $"attribute '{name}' repeated");
            }

            pattern |= bit;
        }

        return pattern;
    }

    private static int ParseScore(string text, bool expected, int lineNumber)
    {
        if (!expected)
        {
            return text.Length == 0 ? 0 : throw Invalid(lineNumber, "score given for an attribute outside the pattern");
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score > MaxScore)
        {
            throw Invalid(lineNumber, "score must be 0-4");
        }

        return score;
    }

    private static InvalidDataException Invalid(int lineNumber, string reason) =>
        new($"Grading table line {lineNumber}: {reason}.");
}
