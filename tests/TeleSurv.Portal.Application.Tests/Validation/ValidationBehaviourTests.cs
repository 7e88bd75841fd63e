using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Validation;

public sealed class ValidationBehaviourTests : IDisposable
{
    private readonly PipelineHost _host = new();

    public ValidationBehaviourTests() => _host.User.ActAs(TestCurrentUser.Staff(StaffRole.Ide, Guid.CreateVersion7()));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_valid_request_reaches_its_handler()
    {
        Assert.Equal("ok", await _host.SendAsync(new NurseEcho("ok")));
    }

    [Fact]
    public async Task Failures_of_every_validator_are_reported_together_and_the_handler_is_not_called()
    {
        // Too long for one validator and refused outright by the other.
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _host.SendAsync(new NurseEcho("forbidden-word")));

        var messages = Assert.Single(error.Errors);
        Assert.Equal(nameof(NurseEcho.Text), messages.Key);
        Assert.Equal(2, messages.Value.Length);
        Assert.Equal(0, _host.Calls.Count);
    }

    [Fact]
    public void The_exception_message_names_fields_but_never_repeats_their_messages()
    {
        var error = new ValidationFailedException(new Dictionary<string, string[]> { ["Term"] = ["'DUPONT' est trop court."] });

        Assert.Contains("Term", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DUPONT", error.Message, StringComparison.Ordinal);
    }
}
