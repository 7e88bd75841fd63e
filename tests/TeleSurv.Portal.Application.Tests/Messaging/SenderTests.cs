using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Common.Telemetry;
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
    public void AddApplication_registers_tracing_then_audit_then_authorization_then_validation()
    {
        using var host = new PipelineHost();

        var behaviours = host.Services.GetServices<IPipelineBehavior<NurseEcho, string>>()
            .Select(b => b.GetType().GetGenericTypeDefinition())
            .ToArray();

        Assert.Equal([typeof(TracingBehaviour<,>), typeof(AuditBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>)], behaviours);
    }

    [Fact]
    public void AddApplication_registers_every_validator_of_the_application()
    {
        using var host = new PipelineHost();
        var validators = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t))
            .ToList();

        Assert.NotEmpty(validators);
        foreach (var validator in validators)
        {
            var validated = validator.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>));
            Assert.True(host.Services.GetServices(validated).Any(v => v!.GetType() == validator), $"{validator.Name} is not registered.");
        }
    }

    [Fact]
    public void The_echo_validators_of_the_tests_are_registered_beside_the_applications()
    {
        using var host = new PipelineHost();

        var validators = host.Services.GetServices<IValidator<NurseEcho>>().Select(v => v.GetType()).ToList();

        Assert.Equal([typeof(NurseEchoLengthValidator), typeof(NurseEchoWordValidator)], validators.OrderBy(t => t.Name, StringComparer.Ordinal));
    }

    public sealed class FirstTracer(List<string> trace) : IPipelineBehavior<AnonymousEcho, string>
    {
        public async ValueTask<string> Handle(AnonymousEcho message, MessageHandlerDelegate<AnonymousEcho, string> next, CancellationToken cancellationToken)
        {
            trace.Add("first in");
            var answer = await next(message, cancellationToken);
            trace.Add("first out");
            return answer + "+first";
        }
    }

    public sealed class SecondTracer(List<string> trace) : IPipelineBehavior<AnonymousEcho, string>
    {
        public async ValueTask<string> Handle(AnonymousEcho message, MessageHandlerDelegate<AnonymousEcho, string> next, CancellationToken cancellationToken)
        {
            trace.Add("second in");
            var answer = await next(message, cancellationToken);
            trace.Add("second out");
            return answer + "+second";
        }
    }

    public sealed class ShortCircuit : IPipelineBehavior<AnonymousEcho, string>
    {
        public ValueTask<string> Handle(AnonymousEcho message, MessageHandlerDelegate<AnonymousEcho, string> next, CancellationToken cancellationToken) =>
            ValueTask.FromResult("short-circuited");
    }
}
