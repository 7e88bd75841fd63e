using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Api;

/// <summary>
/// The patient API's contract over the real portal, on SQLite and PostgreSQL: the happy path and every bad input
/// of the clinical core issue, with the status codes, headers and RFC 9457 bodies that clients rely on.
/// </summary>
public sealed class PatientApiTests(ApiPortals portals) : IClassFixture<ApiPortals>
{
    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_response_is_created_with_its_grades_and_alert_and_can_be_read_back(DatabaseProvider provider)
    {
        var (patient, client) = await PatientAsync(provider);

        using var created = await client.SendAsync(patient.Post(patient.Body(changeItems: items =>
            items["nausea"] = new JsonObject { ["frequency"] = 3, ["severity"] = 3 })));
        var body = await created.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var responseId = root.GetProperty("responseId").GetGuid();
        Assert.Equal($"/api/v1/questionnaire-responses/{responseId}", created.Headers.Location?.OriginalString);
        Assert.Equal(patient.OpenWeek.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("week").GetString());
        Assert.Equal("onco-weekly", root.GetProperty("questionnaire").GetProperty("code").GetString());
        Assert.Equal("basch-2021", root.GetProperty("gradingTableVersion").GetString());
        var grades = root.GetProperty("grades").EnumerateArray().ToDictionary(g => g.GetProperty("item").GetString()!);
        Assert.Equal(19, grades.Count);
        Assert.Equal((3, 3, 3), (grades["nausea"].GetProperty("frequency").GetInt32(), grades["nausea"].GetProperty("severity").GetInt32(), grades["nausea"].GetProperty("compositeGrade").GetInt32()));
        Assert.Equal(JsonValueKind.Null, grades["nausea"].GetProperty("interference").ValueKind);
        Assert.False(grades["rash"].GetProperty("present").GetBoolean());
        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal(alert.Id, root.GetProperty("alert").GetProperty("id").GetGuid());
        Assert.Equal("high", root.GetProperty("alert").GetProperty("priority").GetString());
        Assert.Equal(AlertRule.SevereSymptom, Assert.Single(alert.Findings).Rule);

        using var readBack = await client.SendAsync(patient.Get(created.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.OK, readBack.StatusCode);
        Assert.Equal(body, await readBack.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Fever_under_cytotoxic_chemotherapy_tells_the_patient_to_call_the_unit_now_with_its_number(DatabaseProvider provider)
    {
        var portal = await portals.GetAsync(provider);
        var patient = await ApiPatient.CreateAsync(portal.Database, unitPhone: "02 61 91 00 44");
        using var client = PortalClient.CreateClient(portal.Factory);

        using var created = await client.SendAsync(patient.Post(patient.Body(change: body => body["temperatureCelsius"] = 38.6m)));
        var body = await created.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alert = JsonNode.Parse(body)!["alert"]!;
        Assert.Equal("urgent", alert["priority"]!.GetValue<string>());
        Assert.True(alert["callUnitNow"]!.GetValue<bool>());
        Assert.Equal("02 61 91 00 44", alert["unitPhone"]!.GetValue<string>());
        Assert.Contains("appelez maintenant le service d'oncologie au 02 61 91 00 44", alert["advice"]!["fr"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("N'attendez pas", alert["advice"]!["fr"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("call the oncology unit now on 02 61 91 00 44", alert["advice"]!["en"]!.GetValue<string>(), StringComparison.Ordinal);

        using var questionnaire = await client.SendAsync(patient.Get("/api/v1/questionnaire"));
        Assert.Equal("02 61 91 00 44", JsonNode.Parse(await questionnaire.Content.ReadAsStringAsync())!["unitPhone"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task An_alert_that_is_not_urgent_lets_the_team_call_and_an_urgent_one_without_a_number_still_says_call_now(DatabaseProvider provider)
    {
        var portal = await portals.GetAsync(provider);
        var severe = await ApiPatient.CreateAsync(portal.Database, unitPhone: "02 61 91 00 44");
        var unknownNumber = await ApiPatient.CreateAsync(portal.Database);
        using var client = PortalClient.CreateClient(portal.Factory);

        using var high = await client.SendAsync(severe.Post(severe.Body(changeItems: items =>
            items["nausea"] = new JsonObject { ["frequency"] = 3, ["severity"] = 3 })));
        using var urgent = await client.SendAsync(unknownNumber.Post(unknownNumber.Body(change: body => body["temperatureCelsius"] = 38.6m)));

        var highAlert = JsonNode.Parse(await high.Content.ReadAsStringAsync())!["alert"]!;
        Assert.Equal("high", highAlert["priority"]!.GetValue<string>());
        Assert.False(highAlert["callUnitNow"]!.GetValue<bool>());
        Assert.Contains("pourra vous appeler", highAlert["advice"]!["fr"]!.GetValue<string>(), StringComparison.Ordinal);
        var urgentAlert = JsonNode.Parse(await urgent.Content.ReadAsStringAsync())!["alert"]!;
        Assert.True(urgentAlert["callUnitNow"]!.GetValue<bool>());
        Assert.Null(urgentAlert["unitPhone"]);
        Assert.Contains("appelez maintenant le service d'oncologie qui vous suit", urgentAlert["advice"]!["fr"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_calm_week_is_created_without_alert(DatabaseProvider provider)
    {
        var (patient, client) = await PatientAsync(provider);

        using var created = await client.SendAsync(patient.Post(patient.Body()));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("alert").ValueKind);
        Assert.Empty(await patient.AlertsAsync());
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task The_same_response_sent_again_answers_200_with_the_same_body_and_no_second_alert(DatabaseProvider provider)
    {
        var (patient, client) = await PatientAsync(provider);
        var body = patient.Body(b => b["patientUrgent"] = true);
        using var first = await client.SendAsync(patient.Post(body));

        using var again = await client.SendAsync(patient.Post(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(again.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Single(await patient.AlertsAsync());
        Assert.Equal(1, await patient.ResponseCountAsync());
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Different_answers_for_an_answered_week_answer_409_with_a_clear_message(DatabaseProvider provider)
    {
        var (patient, client) = await PatientAsync(provider);
        using var first = await client.SendAsync(patient.Post(patient.Body()));

        using var conflict = await client.SendAsync(patient.Post(patient.Body(b => b["temperatureCelsius"] = 38.6m)));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = await ProblemAsync(conflict);
        Assert.Equal(409, problem["status"]!.GetValue<int>());
        Assert.Contains("already answered", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await patient.AlertsAsync());
    }

    public static TheoryData<DatabaseProvider, string, string> BadAnswers()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in TestProviders.Configured)
        {
            data.Add(provider, "unknown item", "items.hiccups");
            data.Add(provider, "score out of range", "items.nausea.severity");
            data.Add(provider, "attribute forbidden by branching", "items.nausea.severity");
            data.Add(provider, "temperature out of range", "temperatureCelsius");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Answers_the_questionnaire_refuses_answer_400_with_the_field_in_error(DatabaseProvider provider, string situation, string field)
    {
        var (patient, client) = await PatientAsync(provider);
        var body = situation switch
        {
            "unknown item" => patient.Body(changeItems: i => i["hiccups"] = new JsonObject { ["frequency"] = 1 }),
            "score out of range" => patient.Body(changeItems: i => i["nausea"] = new JsonObject { ["frequency"] = 2, ["severity"] = 5 }),
            "attribute forbidden by branching" => patient.Body(changeItems: i => i["nausea"] = new JsonObject { ["frequency"] = 0, ["severity"] = 2 }),
            _ => patient.Body(b => b["temperatureCelsius"] = 45.0m),
        };

        using var response = await client.SendAsync(patient.Post(body));

        await AssertValidationProblemAsync(response, field);
        Assert.Equal(0, await patient.ResponseCountAsync());
    }

    public static TheoryData<DatabaseProvider, string, string> MalformedBodies()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in TestProviders.Configured)
        {
            data.Add(provider, "{\"week\": \"2026-11-23\", \"items\": {", "body");
            data.Add(provider, "[1, 2, 3]", "body");
            data.Add(provider, "wrong-type-score", "items.nausea.frequency");
            data.Add(provider, "wrong-type-week", "week");
            data.Add(provider, "wrong-type-urgency", "patientUrgent");
            data.Add(provider, "unknown-property", "mood");
            data.Add(provider, "unknown-answer", "items.nausea.intensity");
            data.Add(provider, "missing-week", "week");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_answers_400_with_field_errors(DatabaseProvider provider, string bodyOrCase, string field)
    {
        var (patient, client) = await PatientAsync(provider);
        var body = bodyOrCase switch
        {
            "wrong-type-score" => patient.Body(changeItems: i => i["nausea"] = new JsonObject { ["frequency"] = "two" }),
            "wrong-type-week" => patient.Body(b => b["week"] = 20261123),
            "wrong-type-urgency" => patient.Body(b => b["patientUrgent"] = "no"),
            "unknown-property" => patient.Body(b => b["mood"] = "fine"),
            "unknown-answer" => patient.Body(changeItems: i => i["nausea"] = new JsonObject { ["frequency"] = 1, ["intensity"] = 2 }),
            "missing-week" => patient.Body(b => b.Remove("week")),
            _ => bodyOrCase,
        };

        using var response = await client.SendAsync(patient.Post(body));

        await AssertValidationProblemAsync(response, field);
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_body_that_is_not_json_answers_415(DatabaseProvider provider)
    {
        var (patient, client) = await PatientAsync(provider);

        using var response = await client.SendAsync(patient.Post(patient.Body(), mediaType: "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<DatabaseProvider, string> RefusedLinks()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in TestProviders.Configured)
        {
            data.Add(provider, "expired");
            data.Add(provider, "revoked");
            data.Add(provider, "unknown");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedLinks))]
    public async Task An_expired_revoked_or_unknown_token_answers_401_invalid_token(DatabaseProvider provider, string situation)
    {
        var portal = await portals.GetAsync(provider);
        var patient = await ApiPatient.CreateAsync(
            portal.Database, linkExpiresIn: situation == "expired" ? TimeSpan.FromMinutes(-1) : null, revoked: situation == "revoked");
        using var client = PortalClient.CreateClient(portal.Factory);
        var token = situation == "unknown" ? "dGhpcy1pcy1ub3QtYS1saW5rLXRva2VuLWF0LWFsbC0x" : null;

        using var post = await client.SendAsync(patient.Post(patient.Body(), token));
        using var get = await client.SendAsync(patient.Get("/api/v1/questionnaire", token));

        foreach (var response in new[] { post, get })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
            var problem = await ProblemAsync(response);
            Assert.Equal(401, problem["status"]!.GetValue<int>());
        }

        Assert.Equal(0, await patient.ResponseCountAsync());
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_request_without_token_answers_401_with_the_bearer_challenge(DatabaseProvider provider)
    {
        var (patient, client) = await PatientAsync(provider);
        using var request = patient.Post(patient.Body());
        request.Headers.Authorization = null;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.DoesNotContain("error=", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer", (await ProblemAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_paused_follow_up_answers_403(DatabaseProvider provider)
    {
        var portal = await portals.GetAsync(provider);
        var patient = await ApiPatient.CreateAsync(portal.Database, status: EnrollmentStatus.Paused);
        using var client = PortalClient.CreateClient(portal.Factory);

        using var response = await client.SendAsync(patient.Post(patient.Body()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("paused", (await ProblemAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task The_questionnaire_to_render_comes_with_the_open_week_and_the_first_name_only(DatabaseProvider provider)
    {
        var (patient, client) = await PatientAsync(provider);

        using var response = await client.SendAsync(patient.Get("/api/v1/questionnaire"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["firstName"], document["patient"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Louise", document["patient"]!["firstName"]!.GetValue<string>());
        Assert.Equal(patient.OpenWeek.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), document["openWeek"]!["week"]!.GetValue<string>());
        Assert.False(document["openWeek"]!["answered"]!.GetValue<bool>());
        var questionnaire = document["questionnaire"]!;
        Assert.Equal(("onco-weekly", 1), (questionnaire["code"]!.GetValue<string>(), questionnaire["version"]!.GetValue<int>()));
        var nausea = questionnaire["items"]!.AsArray().Single(i => i!["key"]!.GetValue<string>() == "nausea")!;
        Assert.Equal("Nausées", nausea["label"]!["fr"]!.GetValue<string>());
        Assert.StartsWith("Nausea", nausea["label"]!["en"]!.GetValue<string>(), StringComparison.Ordinal);
        var questions = nausea["questions"]!.AsArray();
        Assert.Equal(["frequency", "severity"], questions.Select(q => q!["answer"]!.GetValue<string>()));
        Assert.Null(questions[0]!["askedWhen"]);
        Assert.Equal(("frequency", 0), (questions[1]!["askedWhen"]!["answer"]!.GetValue<string>(), questions[1]!["askedWhen"]!["above"]!.GetValue<int>()));
        Assert.Equal(5, questionnaire["scales"]!["frequency"]!.AsArray().Count);
        Assert.Equal("Jamais", questionnaire["scales"]!["frequency"]![0]!["fr"]!.GetValue<string>());
        Assert.Contains("15", questionnaire["patientUrgent"]!["hint"]!["fr"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("°C", questionnaire["temperatureCelsius"]!["unit"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_staff_session_cookie_sent_along_changes_nothing(DatabaseProvider provider)
    {
        var (patient, client) = await PatientAsync(provider);
        using var request = patient.Post(patient.Body());
        request.Headers.Add("Cookie", "telesurv.session=not-a-session");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<(ApiPatient Patient, HttpClient Client)> PatientAsync(DatabaseProvider provider)
    {
        var portal = await portals.GetAsync(provider);
        var patient = await ApiPatient.CreateAsync(portal.Database);
        return (patient, PortalClient.CreateClient(portal.Factory));
    }

    private static async Task AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"errors on {string.Join(", ", errors.Select(e => e.Key))}, expected {field}");
        Assert.NotEmpty(errors[field]!.AsArray());
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
