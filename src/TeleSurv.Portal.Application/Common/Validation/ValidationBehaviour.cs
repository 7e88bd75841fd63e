using FluentValidation;
using FluentValidation.Results;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Messaging;

namespace TeleSurv.Portal.Application.Common.Validation;

/// <summary>Runs every validator of the request and refuses it with all their failures at once.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, PipelineStep<TResponse> nextStep, CancellationToken cancellationToken)
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

        return failures is null ? await nextStep() : throw ValidationFailedException.From(failures);
    }
}
