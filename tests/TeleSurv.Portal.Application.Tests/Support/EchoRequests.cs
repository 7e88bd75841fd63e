using FluentValidation;
using Mediator;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Support;

// Requests of the pipeline tests: each answers its text back, through EchoHandler.
[RequireRole(StaffRole.Ide, StaffRole.Ipa)]
public sealed record NurseEcho(string Text) : IRequest<string>;

[AllowAnonymousRequest("Pipeline test of the anonymous rule.")]
public sealed record AnonymousEcho(string Text) : IRequest<string>;

public sealed record RuleLessEcho(string Text) : IRequest<string>;

[RequireRole(StaffRole.Ide)]
[AllowAnonymousRequest("Declares both rules on purpose.")]
public sealed record TwoRulesEcho(string Text) : IRequest<string>;

[RequireRole]
public sealed record NoRoleEcho(string Text) : IRequest<string>;

[RequireRole(StaffRole.Ide)]
public sealed record EstablishmentEcho(string Text, Guid EstablishmentId) : IRequest<string>, IEstablishmentScopedRequest;

[RequireRole(StaffRole.Ide)]
public sealed record FilteredEcho(string Text, Guid? EstablishmentId) : IRequest<string>, IEstablishmentFilteredRequest;

[AllowAnonymousRequest("Anonymous yet scoped: a contradiction on purpose.")]
public sealed record AnonymousScopedEcho(string Text, Guid EstablishmentId) : IRequest<string>, IEstablishmentScopedRequest;

[RequireRole(StaffRole.Ide)]
[Audited("test.echo")]
public sealed record AuditedEcho(string Text, Guid EstablishmentId) : IRequest<string>, IEstablishmentScopedRequest;

[RequireRole(StaffRole.Ide)]
[Audited("test.fail")]
public sealed record FailingEcho(string Text) : IRequest<string>;

/// <summary>Counts what reached a handler, so that tests can prove a refused request never did.</summary>
public sealed class HandlerCalls
{
    private int _count;

    public int Count => _count;

    public void Record() => Interlocked.Increment(ref _count);
}

public sealed class EchoHandler(HandlerCalls calls) :
    IRequestHandler<NurseEcho, string>,
    IRequestHandler<AnonymousEcho, string>,
    IRequestHandler<RuleLessEcho, string>,
    IRequestHandler<TwoRulesEcho, string>,
    IRequestHandler<NoRoleEcho, string>,
    IRequestHandler<EstablishmentEcho, string>,
    IRequestHandler<FilteredEcho, string>,
    IRequestHandler<AnonymousScopedEcho, string>,
    IRequestHandler<AuditedEcho, string>,
    IRequestHandler<FailingEcho, string>
{
    public ValueTask<string> Handle(NurseEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(AnonymousEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(RuleLessEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(TwoRulesEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(NoRoleEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(EstablishmentEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(FilteredEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(AnonymousScopedEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(AuditedEcho request, CancellationToken cancellationToken) => Echo(request.Text);

    public ValueTask<string> Handle(FailingEcho request, CancellationToken cancellationToken)
    {
        calls.Record();
        throw new InvalidOperationException("Handler failure with a patient name in it: DUPONT Marie.");
    }

    private ValueTask<string> Echo(string text)
    {
        calls.Record();
        return ValueTask.FromResult(text);
    }
}

public sealed class NurseEchoLengthValidator : AbstractValidator<NurseEcho>
{
    public NurseEchoLengthValidator() => RuleFor(r => r.Text).NotEmpty().MaximumLength(10);
}

public sealed class NurseEchoWordValidator : AbstractValidator<NurseEcho>
{
    public NurseEchoWordValidator() => RuleFor(r => r.Text).NotEqual("forbidden-word");
}

public sealed class AuditedEchoValidator : AbstractValidator<AuditedEcho>
{
    public AuditedEchoValidator() => RuleFor(r => r.Text).NotEmpty();
}
