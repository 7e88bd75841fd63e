using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Api;

/// <summary>
/// A patient of the running portal, followed so that a questionnaire is due today (in Paris) and open now on
/// the real clock, with a link made the portal's way: 256 random bits, base64url, stored as its SHA-256.
/// </summary>
public sealed class ApiPatient
{
    private static int _counter = Random.Shared.Next(1_000_000);

    private ApiPatient(TestDatabase database, Enrollment enrollment, string token, DateOnly openWeek)
    {
        Database = database;
        Enrollment = enrollment;
        Token = token;
        OpenWeek = openWeek;
    }

    public TestDatabase Database { get; }

    public Enrollment Enrollment { get; }

    public string Token { get; }

    /// <summary>Due date of the week open now: today in Paris.</summary>
    public DateOnly OpenWeek { get; }

    public static async Task<ApiPatient> CreateAsync(
        TestDatabase database, EnrollmentStatus status = EnrollmentStatus.Active, TimeSpan? linkExpiresIn = null, bool revoked = false,
        string? unitPhone = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var now = DateTime.UtcNow;
        var today = CalendarDay.Of(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var n = Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);
        var establishment = new Establishment { Finess = n.PadLeft(9, '0'), Name = "CH API " + n, Code = "API" + n, GhtName = "GHT de test", UnitPhone = unitPhone };
        var patient = new Patient
        {
            Ipp = "IPP" + n,
            IppAuthority = establishment.Code,
            IdentityStatus = IdentityStatus.Provisional,
            BirthFamilyName = "PATIENTE",
            FirstNames = "Louise Anne",
            BirthDate = new DateOnly(1958, 2, 3),
            Sex = Sex.Female,
            Source = PatientSource.Adt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var enrollment = new Enrollment
        {
            PatientId = patient.Id,
            EstablishmentId = establishment.Id,
            Treatment = TreatmentType.IvChemotherapy,
            CytotoxicChemotherapy = true,
            StartDate = today.AddDays(-28),
            PrescriptionEnd = today.AddDays(180),
            QuestionnaireDay = today.DayOfWeek,
            Status = status,
            ConsentDecision = ConsentDecision.Given,
            ConsentDate = today.AddDays(-28),
            ConsentMethod = ConsentMethod.Paper,
            CreatedAt = now.AddDays(-28),
        };
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var link = new PatientAccessLink
        {
            EnrollmentId = enrollment.Id,
            TokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))),
            IssuedAt = now.AddDays(-1),
            ExpiresAt = now + (linkExpiresIn ?? TimeSpan.FromDays(100)),
            RevokedAt = revoked ? now.AddMinutes(-1) : null,
        };

        await using var db = database.CreateContext();
        db.AddRange(establishment, patient, enrollment, link);
        await db.SaveChangesAsync();
        return new ApiPatient(database, enrollment, token, today);
    }

    public HttpRequestMessage Post(string json, string? token = null, string mediaType = "application/json") =>
        new(HttpMethod.Post, "/api/v1/questionnaire-responses")
        {
            Content = new StringContent(json, Encoding.UTF8, mediaType),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token) },
        };

    public HttpRequestMessage Get(string path, string? token = null) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token) } };

    /// <summary>A body answering the open week: nothing to report but the changes given (item → answers object).</summary>
    public string Body(Action<JsonObject>? change = null, Action<JsonObject>? changeItems = null)
    {
        var items = new JsonObject();
        foreach (var item in QuestionnaireCatalog.Current.Items)
        {
            items[item.Key] = item.IsPresenceItem
                ? new JsonObject { ["present"] = false }
                : new JsonObject { [item.Attributes[0].ToString().ToLowerInvariant()] = 0 };
        }

        changeItems?.Invoke(items);
        var body = new JsonObject
        {
            ["week"] = OpenWeek.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["items"] = items,
            ["temperatureCelsius"] = 37.2m,
            ["weightKg"] = 64.5m,
            ["patientUrgent"] = false,
            ["comment"] = "Un peu fatiguée cette semaine.",
        };
        change?.Invoke(body);
        return body.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    public async Task<List<Alert>> AlertsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Alerts.AsNoTracking().Include(a => a.Findings).Where(a => a.EnrollmentId == Enrollment.Id).ToListAsync();
    }

    public async Task<int> ResponseCountAsync()
    {
        await using var db = Database.CreateContext();
        return await db.QuestionnaireResponses.CountAsync(r => r.EnrollmentId == Enrollment.Id);
    }
}
