using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.BrowserTests.Support;

/// <summary>A patient's app speaking to the portal's JSON API with its link token, as an outside client would.</summary>
public sealed class PatientApiClient(Uri baseAddress, string token) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The due date of the week open now, as the API gives it.</summary>
    public async Task<DateOnly> OpenWeekAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/questionnaire");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var week = document["openWeek"]?["week"]?.GetValue<string>()
            ?? throw new InvalidOperationException("No week is open for this patient.");
        return DateOnly.ParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Nothing to report on any symptom, with the temperature given; the API's JSON answer.</summary>
    public async Task<JsonNode> SubmitAsync(DateOnly week, decimal temperatureCelsius, bool urgent = false)
    {
        var items = new JsonObject();
        foreach (var item in QuestionnaireCatalog.Current.Items)
        {
            items[item.Key] = item.IsPresenceItem
                ? new JsonObject { ["present"] = false }
                : new JsonObject { [AnswerName(item.Attributes[0])] = 0 };
        }

        var body = new JsonObject
        {
            ["week"] = week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["items"] = items,
            ["temperatureCelsius"] = temperatureCelsius,
            ["patientUrgent"] = urgent,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/questionnaire-responses")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The submission was refused ({(int)response.StatusCode}): {text}");
        }

        return JsonNode.Parse(text) ?? throw new JsonException("The API answered with an empty body.");
    }

    public void Dispose() => _http.Dispose();

    private static string AnswerName(ProCtcaeAttributeKind attribute) => attribute switch
    {
        ProCtcaeAttributeKind.Frequency => "frequency",
        ProCtcaeAttributeKind.Severity => "severity",
        _ => "interference",
    };
}
