using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Auditing;

public sealed class AuditBehaviourTests : IDisposable
{
    private static readonly Guid Mine = Guid.CreateVersion7();
    private static readonly Guid Elsewhere = Guid.CreateVersion7();
    private static readonly Guid NurseId = Guid.CreateVersion7();

    private readonly PipelineHost _host = new();

    public AuditBehaviourTests() => _host.User.ActAs(TestCurrentUser.Staff(NurseId, "Claire MARTIN", StaffRole.Ide, Mine));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_successful_audited_request_writes_one_entry_saying_who_what_where()
    {
        await _host.SendAsync(new AuditedEcho("x", Mine));

        var entry = Assert.Single(_host.Audit.Records);
        Assert.Equal("test.echo", entry.Action);
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
        Assert.Equal(NurseId, entry.StaffMemberId);
        Assert.Equal("Claire MARTIN", entry.Actor);
        Assert.Equal("Ide", entry.Role);
        Assert.Equal(Mine, entry.EstablishmentId);
    }

    [Fact]
    public async Task A_denied_audited_request_is_written_as_denied()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new AuditedEcho("x", Elsewhere)));

        var entry = Assert.Single(_host.Audit.Records);
        Assert.Equal("test.echo", entry.Action);
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal(Elsewhere, entry.EstablishmentId);
        Assert.Equal(0, _host.Calls.Count);
    }

    [Fact]
    public async Task A_denied_request_is_written_even_when_it_is_not_marked_audited()
    {
        _host.User.ActAs(TestCurrentUser.Staff(NurseId, "Paul DURAND", StaffRole.Oncologist, Mine));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new NurseEcho("x")));

        var entry = Assert.Single(_host.Audit.Records);
        Assert.Equal("denied.NurseEcho", entry.Action);
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal("Oncologist", entry.Role);
    }

    [Fact]
    public async Task A_request_without_an_access_rule_is_written_as_denied()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new RuleLessEcho("x")));

        Assert.Equal(AuditOutcome.Denied, Assert.Single(_host.Audit.Records).Outcome);
    }

    [Fact]
    public async Task An_invalid_audited_request_is_written_as_failed_with_the_fields_at_fault()
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => _host.SendAsync(new AuditedEcho("", Mine)));

        var entry = Assert.Single(_host.Audit.Records);
        Assert.Equal(AuditOutcome.Failed, entry.Outcome);
        Assert.Contains("Text", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_error_is_written_as_failed_without_its_message()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.SendAsync(new FailingEcho("x")));

        var entry = Assert.Single(_host.Audit.Records);
        Assert.Equal(AuditOutcome.Failed, entry.Outcome);
        Assert.Equal("Error: InvalidOperationException", entry.Detail);
    }

    [Fact]
    public async Task A_successful_request_that_is_not_audited_writes_nothing()
    {
        await _host.SendAsync(new NurseEcho("x"));
        await _host.SendAsync(new AnonymousEcho("x"));

        Assert.Empty(_host.Audit.Records);
    }

    [Fact]
    public async Task A_read_whose_trace_cannot_be_written_does_not_deliver_its_data()
    {
        _host.Audit.FailWrites = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.SendAsync(new AuditedEcho("secret", Mine)));
    }

    [Fact]
    public async Task When_the_trace_of_a_denial_cannot_be_written_the_caller_still_sees_the_denial()
    {
        _host.Audit.FailWrites = true;

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new AuditedEcho("x", Elsewhere)));
    }
}
