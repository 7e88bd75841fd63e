namespace TeleSurv.Portal.Hl7;

/// <summary>
/// The delimiters of one message, as declared by MSH-1 (field separator) and MSH-2 (encoding characters:
/// component, repetition, escape, subcomponent, and from v2.7 on an optional truncation character).
/// </summary>
public readonly record struct Hl7Delimiters
{
    /// <summary>The suggested delimiters <c>|^~\&amp;</c>, without a truncation character (HL7 v2.5).</summary>
    public static Hl7Delimiters Default { get; } = new('|', '^', '~', '\\', '&', null);

    /// <summary>Creates a set of delimiters; <see cref="IsValid"/> tells whether they can be used together.</summary>
    public Hl7Delimiters(char field, char component, char repetition, char escape, char subcomponent, char? truncation)
    {
        Field = field;
        Component = component;
        Repetition = repetition;
        Escape = escape;
        Subcomponent = subcomponent;
        Truncation = truncation;
    }

    /// <summary>MSH-1, between fields.</summary>
    public char Field { get; }

    /// <summary>MSH-2 position 1, between components.</summary>
    public char Component { get; }

    /// <summary>MSH-2 position 2, between repetitions of a field.</summary>
    public char Repetition { get; }

    /// <summary>MSH-2 position 3, opens and closes escape sequences.</summary>
    public char Escape { get; }

    /// <summary>MSH-2 position 4, between subcomponents.</summary>
    public char Subcomponent { get; }

    /// <summary>MSH-2 position 5 (v2.7+), marks a truncated value; null when the sender declared four characters.</summary>
    public char? Truncation { get; }

    /// <summary>MSH-2 as it is written: four characters, or five with the truncation character.</summary>
    public string EncodingCharacters => Truncation is { } truncation
        ? string.Create(null, stackalloc char[5], $"{Component}{Repetition}{Escape}{Subcomponent}{truncation}")
        : string.Create(null, stackalloc char[4], $"{Component}{Repetition}{Escape}{Subcomponent}");

    /// <summary>
    /// True when every delimiter is a distinct printable ASCII character that is neither a letter, a digit nor a
    /// space: otherwise a parser could not tell data from structure.
    /// </summary>
    public bool IsValid
    {
        get
        {
            Span<char> all = [Field, Component, Repetition, Escape, Subcomponent, Truncation ?? Field];
            var count = Truncation is null ? 5 : 6;
            for (var i = 0; i < count; i++)
            {
                if (!IsUsableDelimiter(all[i]))
                {
                    return false;
                }

                for (var j = i + 1; j < count; j++)
                {
                    if (all[i] == all[j])
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    /// <summary>True when <paramref name="value"/> is one of the separators (not the escape character).</summary>
    internal bool IsSeparator(char value) =>
        value == Field || value == Component || value == Repetition || value == Subcomponent;

    internal static bool IsUsableDelimiter(char value) => value is > ' ' and < (char)0x7F && !char.IsAsciiLetterOrDigit(value);

    /// <inheritdoc />
    public override string ToString() => Field + EncodingCharacters;
}
