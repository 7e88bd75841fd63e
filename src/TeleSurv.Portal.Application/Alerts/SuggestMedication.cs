using FluentValidation;
using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// A supportive-care medication suggested to the patient (an antiemetic, an antidiarrhoeal…): the drug's name and
/// the clinician's instructions as free text.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.medication")]
public sealed record SuggestMedicationCommand(Guid AlertId, Guid Version, string DrugName, string Instructions)
    : IRequest<AlertActionResult>, IAlertCommand;

public sealed class SuggestMedicationCommandValidator : AbstractValidator<SuggestMedicationCommand>
{
    public const int MaxDrugNameLength = 200;

    public SuggestMedicationCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.DrugName).NotEmpty().MaximumLength(MaxDrugNameLength);
        RuleFor(c => c.Instructions).NotEmpty().MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class SuggestMedicationCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<SuggestMedicationCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(SuggestMedicationCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);

        var action = AlertActs.Record(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.MedicationSuggested, request.Instructions,
            new MedicationSuggestionDetails(request.DrugName.Trim()));

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.ActionRecorded, cancellationToken);
        return AlertActs.Result(alert, action);
    }
}
