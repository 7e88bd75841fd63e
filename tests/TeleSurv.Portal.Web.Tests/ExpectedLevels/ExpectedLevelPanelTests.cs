using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.ExpectedLevels;
using TeleSurv.Portal.Web.Components.ExpectedLevels;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.ExpectedLevels;

public sealed class ExpectedLevelPanelTests : PortalComponentTest
{
    private static readonly Guid PatientId = Guid.CreateVersion7();
    private static readonly Guid EnrollmentId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private readonly RecordingSender _sender = new();
    private readonly List<ExpectedLevelRow> _levels = [];
    private Func<SetExpectedLevelCommand, ExpectedLevelRow> _set;

    public ExpectedLevelPanelTests()
    {
        _set = command =>
        {
            var row = Level(command.EnrollmentId, command.ItemKey, command.MaxGrade, command.Reason);
            _levels.Add(row);
            return row;
        };
        _sender
            .On<ListExpectedLevelsQuery, IReadOnlyList<ExpectedLevelRow>>(_ => [.. _levels])
            .On<SetExpectedLevelCommand, ExpectedLevelRow>(command => _set(command))
            .On<CancelExpectedLevelCommand, bool>(command => _levels.RemoveAll(l => l.ExpectedLevelId == command.ExpectedLevelId) > 0);
        Services.AddSingleton<Mediator.ISender>(_sender);
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        RenderPagesLive();
    }

    [Fact]
    public void Lists_the_levels_of_the_enrollment_with_who_set_them_and_why()
    {
        _levels.Add(Level(EnrollmentId, "nausea", 2, "Nausées attendues J1-J3"));
        _levels.Add(Level(Guid.CreateVersion7(), "fatigue", 1, "Autre suivi"));

        var panel = Render(Panel);

        var level = panel.Find("li[data-expected-level='nausea']");
        Assert.Contains("jusqu'au grade 2", level.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nausées attendues J1-J3", level.TextContent, StringComparison.Ordinal);
        Assert.Contains("Claire Martin", level.TextContent, StringComparison.Ordinal);
        // A level of another follow-up of the same patient is not this enrollment's.
        Assert.Empty(panel.FindAll("li[data-expected-level='fatigue']"));
        Assert.Equal(PatientId, Assert.Single(_sender.SentOf<ListExpectedLevelsQuery>()).PatientId);
    }

    [Fact]
    public void Offers_only_graded_symptoms_and_the_grades_one_to_three()
    {
        var panel = Render(Panel);

        Assert.Equal([1, 2, 3], panel.FindComponent<MudSelect<int>>().FindComponents<MudSelectItem<int>>().Select(i => i.Instance.Value));

        var symptoms = panel.FindComponent<MudSelect<string>>().FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value).ToList();
        Assert.Contains("nausea", symptoms);
        // Presence items (rash) have no composite grade, so no level can be expected for them.
        Assert.DoesNotContain("rash", symptoms);
        Assert.Contains("Aucun niveau attendu", panel.Find("[data-testid='no-expected-level']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_form_missing_its_symptom_and_reason_says_so_under_each_field_and_sends_nothing()
    {
        var panel = Render(Panel);

        panel.Find("form.expected-level-form").Submit();

        Assert.Contains("Choisissez un symptôme gradé", FieldError(panel, "expected-item"), StringComparison.Ordinal);
        Assert.Contains("Indiquez le motif", FieldError(panel, "expected-reason"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, FieldError(panel, "expected-days"));
        Assert.Empty(panel.FindAll("[role='alert']"));
        Assert.Empty(_sender.SentOf<SetExpectedLevelCommand>());
    }

    [Fact]
    public async Task A_valid_form_sends_the_level_counted_from_now_and_lists_it()
    {
        var panel = Render(Panel);

        await ChooseAsync(panel, "fatigue", 3);
        await SetDaysAsync(panel, 10);
        panel.Find($"#expected-reason-{EnrollmentId}").Input("Asthénie attendue après la cure");
        panel.Find("form.expected-level-form").Submit();

        var sent = Assert.Single(_sender.SentOf<SetExpectedLevelCommand>());
        Assert.Equal((PatientId, EnrollmentId, "fatigue", 3), (sent.PatientId, sent.EnrollmentId, sent.ItemKey, sent.MaxGrade));
        Assert.Equal(Now.UtcDateTime.AddDays(10), sent.Until);
        Assert.Equal("Asthénie attendue après la cure", sent.Reason);
        Assert.Contains("Asthénie attendue après la cure", panel.Find("li[data-expected-level='fatigue']").TextContent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, FieldError(panel, "expected-reason"));
    }

    [Fact]
    public async Task A_duration_beyond_thirty_days_is_refused_on_its_field()
    {
        var panel = Render(Panel);

        await ChooseAsync(panel, "fatigue", 2);
        await SetDaysAsync(panel, 45);
        panel.Find($"#expected-reason-{EnrollmentId}").Input("Cure longue");
        panel.Find("form.expected-level-form").Submit();

        Assert.Contains("La durée va de 1 à 30 jours", FieldError(panel, "expected-days"), StringComparison.Ordinal);
        Assert.Empty(_sender.SentOf<SetExpectedLevelCommand>());
    }

    [Fact]
    public async Task A_refusal_by_the_server_is_shown_on_the_field_it_names()
    {
        _set = _ => throw new ValidationFailedException(new Dictionary<string, string[]> { ["Until"] = ["too far"] });
        var panel = Render(Panel);

        await ChooseAsync(panel, "nausea", 2);
        panel.Find($"#expected-reason-{EnrollmentId}").Input("Cure");
        panel.Find("form.expected-level-form").Submit();

        Assert.Single(_sender.SentOf<SetExpectedLevelCommand>());
        Assert.Contains("La durée va de 1 à 30 jours", FieldError(panel, "expected-days"), StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("li[data-expected-level]"));
    }

    [Fact]
    public void Cancelling_a_level_sends_it_and_says_it_is_cancelled()
    {
        var level = Level(EnrollmentId, "nausea", 2, "Nausées attendues");
        _levels.Add(level);
        var panel = Render(Panel);

        panel.Find("li[data-expected-level='nausea'] button").Click();

        Assert.Equal(level.ExpectedLevelId, Assert.Single(_sender.SentOf<CancelExpectedLevelCommand>()).ExpectedLevelId);
        Assert.Empty(panel.FindAll("li[data-expected-level]"));
        Assert.Contains("Niveau attendu annulé", panel.Find("[role='status']").TextContent, StringComparison.Ordinal);
    }

    private static async Task ChooseAsync(IRenderedComponent<IComponent> panel, string itemKey, int grade)
    {
        var item = panel.FindComponent<MudSelect<string>>();
        await panel.InvokeAsync(() => item.Instance.ValueChanged.InvokeAsync(itemKey));
        var maxGrade = panel.FindComponent<MudSelect<int>>();
        await panel.InvokeAsync(() => maxGrade.Instance.ValueChanged.InvokeAsync(grade));
    }

    private static async Task SetDaysAsync(IRenderedComponent<IComponent> panel, int days)
    {
        var field = panel.FindComponent<MudNumericField<int>>();
        await panel.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(days));
    }

    /// <summary>The message MudBlazor shows under a field (empty when the field holds).</summary>
    private static string FieldError<TComponent>(IRenderedComponent<TComponent> panel, string fieldClass)
        where TComponent : IComponent =>
        panel.Find($".{fieldClass}").QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? string.Empty;

    private static ExpectedLevelRow Level(Guid enrollmentId, string item, int grade, string reason) =>
        new(Guid.CreateVersion7(), enrollmentId, item, grade, Now.UtcDateTime, Now.UtcDateTime.AddDays(7), reason,
            Guid.CreateVersion7(), "Claire Martin", null);

    private static readonly RenderFragment Panel = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<ExpectedLevelPanel>(1);
        builder.AddAttribute(2, nameof(ExpectedLevelPanel.PatientId), PatientId);
        builder.AddAttribute(3, nameof(ExpectedLevelPanel.EnrollmentId), EnrollmentId);
        builder.CloseComponent();
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
