using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// Markup that depends only on a value from a closed set (a priority, a grade, a status, a symptom) and on the user's
/// language, built once per process and language and shared by every circuit: a badge repeated on every row of a list
/// is then one frame pointing at one string, not a dozen frames and strings per row and per open page.
/// </summary>
internal static class SharedMarkup
{
    private static readonly BoundedMarkupCache Cache = new(int.MaxValue);

    // Markup whose key is a combination of values, each from a set closed in practice (a finding's symptom, grade and
    // measure; a colleague's name) but whose product is not bounded by its types.
    private static readonly BoundedMarkupCache Combinations = new(MaxCombinations);

    /// <summary>How many combinations <see cref="GetCombination"/> keeps, across kinds and languages.</summary>
    public const int MaxCombinations = 10_000;

    /// <summary>Text written into markup: the characters HTML reserves are escaped, letters of any script kept.</summary>
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// The markup of <paramref name="kind"/> for <paramref name="key"/> in the user's language, built by
    /// <paramref name="build"/> the first time. <paramref name="key"/> must come from a closed set of values.
    /// </summary>
    public static MarkupString Get<TState>(string kind, string key, TState state, Func<TState, string> build) =>
        Cache.Get(kind, key, state, build);

    /// <summary>
    /// As <see cref="Get"/>, for a <paramref name="key"/> that combines several values: the markup is kept while fewer
    /// than <see cref="MaxCombinations"/> are, and built for the caller alone after that.
    /// </summary>
    public static MarkupString GetCombination<TState>(string kind, string key, TState state, Func<TState, string> build) =>
        Combinations.Get(kind, key, state, build);

    public static string Encode(string text) => Encoder.Encode(text);
}

/// <summary>Shared markup by kind, key and the user's language, kept up to a number of entries and built for each caller beyond it.</summary>
internal sealed class BoundedMarkupCache(int capacity)
{
    private readonly ConcurrentDictionary<(string Kind, string Key, string Culture), MarkupString> _kept = new();

    public int Count => _kept.Count;

    public MarkupString Get<TState>(string kind, string key, TState state, Func<TState, string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var cacheKey = (kind, key, CultureInfo.CurrentUICulture.Name);
        if (_kept.TryGetValue(cacheKey, out var kept))
        {
            return kept;
        }

        var markup = new MarkupString(build(state));
        return _kept.Count < capacity ? _kept.GetOrAdd(cacheKey, markup) : markup;
    }
}
