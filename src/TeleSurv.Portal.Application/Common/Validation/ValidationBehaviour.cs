using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TeleSurv.Portal.Application.Common.Exceptions;

namespace TeleSurv.Portal.Application.Common.Validation;

/// <summary>Runs every validator of the request and refuses it with all their failures at once.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    public async ValueTask<TResponse> Handle(TRequest request, MessageHandlerDelegate<TRequest, TResponse> nextStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextStep);
        List<ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            if (!result.IsValid)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }

        return failures is null ? await nextStep(request, cancellationToken) : throw ValidationFailedException.From(failures);
    }
}
