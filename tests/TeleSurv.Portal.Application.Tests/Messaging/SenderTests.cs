using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Messaging;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Common.Validation;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Messaging;

public sealed class SenderTests
{
    [Fact]
    public async Task Send_returns_what_the_handler_answers()
    {
        using var host = new PipelineHost();

        var answer = await host.SendAsync(new AnonymousEcho("bonjour"));

        Assert.Equal("bonjour", answer);
        Assert.Equal(1, host.Calls.Count);
    }

    [Fact]
    public async Task Behaviours_run_outermost_first_in_registration_order_around_the_handler()
    {
        var trace = new List<string>();
        using var host = new PipelineHost(services =>
        {
            services.AddSingleton(trace);
            services.AddTransient<IPipelineBehavior<AnonymousEcho, string>, FirstTracer>();
            services.AddTransient<IPipelineBehavior<AnonymousEcho, string>, SecondTracer>();
        });

        var answer = await host.SendAsync(new AnonymousEcho("x"));

        Assert.Equal("x+second+first", answer);
        Assert.Equal(["first in", "second in", "second out", "first out"], trace);
    }

    [Fact]
    public async Task A_behaviour_that_does_not_call_the_next_step_stops_the_request()
    {
        using var host = new PipelineHost(services => services.AddTransient<IPipelineBehavior<AnonymousEcho, string>, ShortCircuit>());

        var answer = await host.SendAsync(new AnonymousEcho("x"));

        Assert.Equal("short-circuited", answer);
        Assert.Equal(0, host.Calls.Count);
    }

    [Fact]
    public async Task A_request_without_a_handler_fails_with_its_name()
    {
        using var host = new PipelineHost();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.SendAsync(new Unhandled()));

        Assert.Contains(nameof(Unhandled), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_sends_of_many_request_types_each_reach_their_own_handler()
    {
        using var host = new PipelineHost();
        host.User.ActAs(TestCurrentUser.Staff(StaffRole.Ide, Guid.CreateVersion7()));

        var sends = Enumerable.Range(0, 200).Select(i => i % 2 == 0
            ? host.SendAsync(new AnonymousEcho($"a{i}"))
            : host.SendAsync(new NurseEcho($"n{i}")));
        var answers = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? "a" : "n") + i), answers);
    }

    [Fact]
    public void AddApplication_registers_audit_then_authorization_then_validation()
    {
        using var host = new PipelineHost();

        var behaviours = host.Services.GetServices<IPipelineBehavior<NurseEcho, string>>()
            .Select(b => b.GetType().GetGenericTypeDefinition())
            .ToArray();

        Assert.Equal([typeof(AuditBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>)], behaviours);
    }

    [Fact]
    public void Two_handlers_for_one_request_are_refused_at_registration()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DependencyInjection.FindHandlersAndValidators([typeof(EchoHandler), typeof(SecondNurseEchoHandler)]).ToList());

        Assert.Contains(nameof(NurseEcho), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scan_finds_handlers_and_every_validator_of_a_request()
    {
        var found = DependencyInjection.FindHandlersAndValidators(PipelineHost.SupportTypes).ToList();

        Assert.Contains((typeof(IRequestHandler<NurseEcho, string>), typeof(EchoHandler)), found);
        Assert.Contains((typeof(FluentValidation.IValidator<NurseEcho>), typeof(NurseEchoLengthValidator)), found);
        Assert.Contains((typeof(FluentValidation.IValidator<NurseEcho>), typeof(NurseEchoWordValidator)), found);
    }

    [AllowAnonymousRequest("Sender test: a request nobody handles.")]
    public sealed record Unhandled : IRequest<int>;

    public sealed class SecondNurseEchoHandler : IRequestHandler<NurseEcho, string>
    {
        public Task<string> Handle(NurseEcho request, CancellationToken cancellationToken) => Task.FromResult(request.Text);
    }

    public sealed class FirstTracer(List<string> trace) : IPipelineBehavior<AnonymousEcho, string>
    {
        public async Task<string> Handle(AnonymousEcho request, PipelineStep<string> nextStep, CancellationToken cancellationToken)
        {
            trace.Add("first in");
            var answer = await nextStep();
            trace.Add("first out");
            return answer + "+first";
        }
    }

    public sealed class SecondTracer(List<string> trace) : IPipelineBehavior<AnonymousEcho, string>
    {
        public async Task<string> Handle(AnonymousEcho request, PipelineStep<string> nextStep, CancellationToken cancellationToken)
        {
            trace.Add("second in");
            var answer = await nextStep();
            trace.Add("second out");
            return answer + "+second";
        }
    }

    public sealed class ShortCircuit : IPipelineBehavior<AnonymousEcho, string>
    {
        public Task<string> Handle(AnonymousEcho request, PipelineStep<string> nextStep, CancellationToken cancellationToken) =>
            Task.FromResult("short-circuited");
    }
}
