using System.Reflection;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Domain;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Infrastructure.Tests.Persistence;

public sealed class RoundTripTests
{
    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Every_entity_reads_back_as_it_was_saved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using (var db = database.CreateContext())
        {
            graph.AddTo(db);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        await AssertReadsBack(graph.Establishment, read.Establishments);
        await AssertReadsBack(graph.Nurse, read.StaffMembers.Include(s => s.Establishments).ThenInclude(l => l.Establishment));
        await AssertReadsBack(graph.Patient, read.Patients);
        await AssertReadsBack(graph.Enrollment, read.Enrollments);
        await AssertReadsBack(graph.AccessLink, read.PatientAccessLinks);
        await AssertReadsBack(graph.Questionnaire, read.Questionnaires);
        await AssertReadsBack(graph.Response, read.QuestionnaireResponses);
        await AssertReadsBack(graph.Alert, read.Alerts);
        await AssertReadsBack(graph.TriageAction, read.TriageActions);
        await AssertReadsBack(graph.ExpectedLevel, read.ExpectedLevels);
        await AssertReadsBack(graph.AuditEntry, read.AuditEntries);
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Owned_collections_load_with_their_owner_and_follow_its_changes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using (var db = database.CreateContext())
        {
            graph.AddTo(db);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var alert = await db.Alerts.SingleAsync(a => a.Id == graph.Alert.Id);
            Assert.Equal(
                [AlertRule.WorseningSymptom, AlertRule.SuspectedFebrileNeutropenia],
                alert.Findings.Select(f => f.Rule).Order());
            alert.Findings.RemoveAll(f => f.Rule == AlertRule.WorseningSymptom);
            alert.Findings.Add(new AlertFinding { Rule = AlertRule.PatientUrgency, Priority = AlertPriority.High });
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var alert = await db.Alerts.SingleAsync(a => a.Id == graph.Alert.Id);
            Assert.Equal(
                [AlertRule.SuspectedFebrileNeutropenia, AlertRule.PatientUrgency],
                alert.Findings.Select(f => f.Rule).Order());
            Assert.Equal(2, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"AlertFindings\"").SingleAsync());

            var nurse = await db.StaffMembers.SingleAsync(s => s.Id == graph.Nurse.Id);
            Assert.Equal([graph.Establishment.Id], nurse.Establishments.Select(e => e.EstablishmentId));

            var response = await db.QuestionnaireResponses.SingleAsync(r => r.Id == graph.Response.Id);
            Assert.Equal(["nausea", "rash"], response.Answers.Select(a => a.ItemKey).Order());
        }
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Enums_are_stored_as_their_names(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using var db = database.CreateContext();
        graph.AddTo(db);
        await db.SaveChangesAsync();

        Assert.Equal("InProgress", await Scalar(db, "SELECT \"Status\" AS \"Value\" FROM \"Alerts\""));
        Assert.Equal("Urgent", await Scalar(db, "SELECT \"Priority\" AS \"Value\" FROM \"Alerts\""));
        Assert.Equal("Thursday", await Scalar(db, "SELECT \"QuestionnaireDay\" AS \"Value\" FROM \"Enrollments\""));
        Assert.Equal("Ipa", await Scalar(db, "SELECT \"Role\" AS \"Value\" FROM \"StaffMembers\""));
        Assert.Equal("SuspectedFebrileNeutropenia",
            await Scalar(db, "SELECT \"Rule\" AS \"Value\" FROM \"AlertFindings\" WHERE \"Priority\" = 'Urgent'"));

        // Queries compare names too, so the triage queue can filter in SQL.
        Assert.Equal(1, await db.Alerts.CountAsync(a => a.Status == AlertStatus.InProgress && a.Priority == AlertPriority.Urgent));
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Date_times_come_back_in_utc_and_compare_as_instants(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using (var db = database.CreateContext())
        {
            graph.AddTo(db);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var alert = await read.Alerts.SingleAsync(a => a.RaisedAt >= ClinicalGraph.Now && a.SlaDueAt < ClinicalGraph.Now.AddHours(3));
        Assert.Equal(DateTimeKind.Utc, alert.RaisedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, alert.ClaimedAt!.Value.Kind);
        Assert.Equal(ClinicalGraph.Now, alert.RaisedAt);
        Assert.Equal(0, await read.Alerts.CountAsync(a => a.SlaDueAt < ClinicalGraph.Now.AddHours(1)));
        Assert.Equal(1, await read.Alerts.CountAsync(a => a.ResolvedAt == null && a.ClaimedAt > ClinicalGraph.Now));
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_date_time_that_is_not_utc_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using (var db = database.CreateContext())
        {
            graph.AddTo(db);
            await db.SaveChangesAsync();
        }

        foreach (var at in new[] { DateTime.SpecifyKind(ClinicalGraph.Now, DateTimeKind.Unspecified), ClinicalGraph.Now.ToLocalTime() })
        {
            await using var db = database.CreateContext();
            db.TriageActions.Add(new TriageAction
            {
                AlertId = graph.Alert.Id,
                PatientId = graph.Patient.Id,
                At = at,
                StaffMemberId = graph.Nurse.Id,
                StaffName = graph.Nurse.DisplayName,
            });

            var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
            Assert.Contains("UTC", refused.ToString(), StringComparison.Ordinal);
        }

        await using var check = database.CreateContext();
        Assert.Equal(1, await check.TriageActions.CountAsync());
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_stale_alert_version_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using (var db = database.CreateContext())
        {
            graph.AddTo(db);
            await db.SaveChangesAsync();
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var firstCopy = await first.Alerts.SingleAsync(a => a.Id == graph.Alert.Id);
        var secondCopy = await second.Alerts.SingleAsync(a => a.Id == graph.Alert.Id);

        firstCopy.Status = AlertStatus.Escalated;
        firstCopy.Version = Guid.NewGuid();
        await first.SaveChangesAsync();

        secondCopy.Status = AlertStatus.Resolved;
        secondCopy.Version = Guid.NewGuid();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateContext();
        Assert.Equal(AlertStatus.Escalated, (await check.Alerts.SingleAsync()).Status);
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_stale_enrollment_is_refused_even_when_the_code_did_not_renew_its_version(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using (var db = database.CreateContext())
        {
            graph.AddTo(db);
            await db.SaveChangesAsync();
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var firstCopy = await first.Enrollments.SingleAsync();
        var secondCopy = await second.Enrollments.SingleAsync();
        var original = firstCopy.Version;

        firstCopy.Status = EnrollmentStatus.Ended;
        await first.SaveChangesAsync();
        Assert.NotEqual(original, firstCopy.Version);

        secondCopy.Status = EnrollmentStatus.Active;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateContext();
        var stored = await check.Enrollments.SingleAsync();
        Assert.Equal(EnrollmentStatus.Ended, stored.Status);
        Assert.Equal(firstCopy.Version, stored.Version);
    }

    public static TheoryData<DatabaseProvider, string> UniqueCases
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string>();
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
            {
                foreach (var name in Duplicates.Keys)
                {
                    data.Add(provider, name);
                }
            }

            return data;
        }
    }

    /// <summary>Each unique rule of the model, as a second row that breaks it.</summary>
    private static readonly Dictionary<string, Action<PortalDbContext, ClinicalGraph>> Duplicates = new()
    {
        ["Establishment FINESS"] = (db, g) => db.Establishments.Add(
            new Establishment { Finess = g.Establishment.Finess, Name = "Autre", Code = "OTHER", GhtName = "GHT" }),
        ["Establishment code"] = (db, g) => db.Establishments.Add(
            new Establishment { Finess = "990000001", Name = "Autre", Code = g.Establishment.Code, GhtName = "GHT" }),
        ["Patient IPP within its authority"] = (db, g) => db.Patients.Add(
            new Patient { Ipp = g.Patient.Ipp, IppAuthority = g.Patient.IppAuthority, BirthFamilyName = "Autre", FirstNames = "A", CreatedAt = ClinicalGraph.Now, UpdatedAt = ClinicalGraph.Now }),
        ["Staff login"] = (db, g) => db.StaffMembers.Add(
            new StaffMember { Login = g.Nurse.Login, DisplayName = "Autre", Role = StaffRole.Ide }),
        ["One response per enrolment week"] = (db, g) => db.QuestionnaireResponses.Add(new QuestionnaireResponse
        {
            EnrollmentId = g.Enrollment.Id,
            PatientId = g.Patient.Id,
            QuestionnaireId = g.Questionnaire.Id,
            WeekDueDate = g.Response.WeekDueDate,
            SubmittedAt = ClinicalGraph.Now,
            GradingTableVersion = "2024.1",
            ContentHash = "other",
        }),
        ["Questionnaire code and version"] = (db, g) => db.Questionnaires.Add(
            new Questionnaire { Code = g.Questionnaire.Code, Version = g.Questionnaire.Version, Definition = "{}", PublishedAt = ClinicalGraph.Now }),
        ["Access token hash"] = (db, g) => db.PatientAccessLinks.Add(
            new PatientAccessLink { EnrollmentId = g.Enrollment.Id, TokenHash = g.AccessLink.TokenHash, IssuedAt = ClinicalGraph.Now, ExpiresAt = ClinicalGraph.Now }),
        ["Audit sequence"] = (db, g) => db.AuditEntries.Add(
            new AuditEntry { Sequence = g.AuditEntry.Sequence, At = ClinicalGraph.Now, Actor = "system", Action = "x" }),
        ["One answer per item of a response"] = (db, g) => db.QuestionnaireResponses.Add(new QuestionnaireResponse
        {
            EnrollmentId = g.Enrollment.Id,
            PatientId = g.Patient.Id,
            QuestionnaireId = g.Questionnaire.Id,
            WeekDueDate = g.Response.WeekDueDate.AddDays(14),
            SubmittedAt = ClinicalGraph.Now,
            GradingTableVersion = "2024.1",
            ContentHash = "other",
            Answers = { new ItemAnswer { ItemKey = "nausea", Frequency = 1 }, new ItemAnswer { ItemKey = "nausea", Frequency = 2 } },
        }),
    };

    [Theory, MemberData(nameof(UniqueCases))]
    public async Task Unique_rules_hold(DatabaseProvider provider, string rule)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using (var db = database.CreateContext())
        {
            graph.AddTo(db);
            await db.SaveChangesAsync();
        }

        await using var duplicate = database.CreateContext();
        Duplicates[rule](duplicate, graph);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => duplicate.SaveChangesAsync());
        Assert.True(DatabaseErrors.IsUniqueViolation(refused), refused.InnerException?.Message);
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Clinical_rows_are_never_deleted_in_cascade(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using (var db = database.CreateContext())
        {
            graph.AddTo(db);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            db.Patients.Remove(await db.Patients.SingleAsync());
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(DatabaseErrors.IsForeignKeyViolation(refused), refused.InnerException?.Message);
        }

        await using (var db = database.CreateContext())
        {
            db.Alerts.Remove(await db.Alerts.SingleAsync());
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(DatabaseErrors.IsForeignKeyViolation(refused), refused.InnerException?.Message);
        }

        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Patients.CountAsync());
        Assert.Equal(1, await check.Alerts.CountAsync());
        Assert.Equal(1, await check.TriageActions.CountAsync());
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task A_reference_to_a_missing_row_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var graph = new ClinicalGraph();
        await using var db = database.CreateContext();
        db.Establishments.Add(graph.Establishment);
        db.Enrollments.Add(graph.Enrollment);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(DatabaseErrors.IsForeignKeyViolation(refused), refused.InnerException?.Message);
    }

    private static async Task<string> Scalar(PortalDbContext db, string sql) =>
        await db.Database.SqlQueryRaw<string>(sql).SingleAsync();

    private static async Task AssertReadsBack<T>(T saved, IQueryable<T> set)
        where T : Entity
    {
        var read = await set.AsNoTracking().SingleAsync(e => e.Id == saved.Id);
        Assert.NotSame(saved, read);
        Assert.Equivalent(saved, read, strict: true);
        AssertUtc(read);
    }

    /// <summary>DateTime equality ignores the kind, so the kind of every date-time read back is checked on its own.</summary>
    private static void AssertUtc(object value)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var content = property.GetIndexParameters().Length == 0 ? property.GetValue(value) : null;
            switch (content)
            {
                case DateTime dateTime:
                    Assert.True(dateTime.Kind == DateTimeKind.Utc, $"{value.GetType().Name}.{property.Name} is {dateTime.Kind}.");
                    break;
                case System.Collections.IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        AssertUtc(item);
                    }

                    break;
            }
        }
    }
}
