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
    private static readonly ConcurrentDictionary<(string Kind, string Key, string Culture), MarkupString> Cache = new();

    /// <summary>Text written into markup: the characters HTML reserves are escaped, letters of any script kept.</summary>
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// The markup of <paramref name="kind"/> for <paramref name="key"/> in the user's language, built by
    /// <paramref name="build"/> the first time. <paramref name="key"/> must come from a closed set of values.
    /// </summary>
    public static MarkupString Get<TState>(string kind, string key, TState state, Func<TState, string> build) =>
        Cache.GetOrAdd((kind, key, CultureInfo.CurrentUICulture.Name), static (_, arguments) => new MarkupString(arguments.build(arguments.state)), (build, state));

    public static string Encode(string text) => Encoder.Encode(text);
}
