using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>One journaled message with its raw text and the acknowledgement returned: patient data, so every view is audited.</summary>
[RequireRole(StaffRole.Admin)]
[Audited("adt.message.read")]
public sealed record GetAdtMessageQuery(Guid MessageId) : IRequest<AdtMessageDetail>;

public sealed record AdtMessageDetail(AdtJournalRow Row, string Raw, string Ack, Guid? PatientId, string? HandledBy);

public sealed class GetAdtMessageQueryValidator : AbstractValidator<GetAdtMessageQuery>
{
    public GetAdtMessageQueryValidator()
    {
        RuleFor(q => q.MessageId).NotEmpty();
    }
}

internal sealed class GetAdtMessageQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user)
    : IRequestHandler<GetAdtMessageQuery, AdtMessageDetail>
{
    public async ValueTask<AdtMessageDetail> Handle(GetAdtMessageQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var m = await db.AdtMessages.AsNoTracking().VisibleTo(user)
            .FirstOrDefaultAsync(m => m.Id == request.MessageId, cancellationToken)
            ?? throw new OutOfScopeException("AdtMessage", request.MessageId);

        if (AuditDetails.Current is { } audit)
        {
            audit.SetTarget("AdtMessage", m.Id);
            audit.PatientId = m.PatientId;
            audit.EstablishmentId = m.EstablishmentId;
            audit.Detail = $"{m.MessageType}^{m.TriggerEvent} {m.ControlId} from {m.SendingApplication}/{m.SendingFacility}.";
        }

        var row = new AdtJournalRow(
            m.Id, m.ReceivedAt, m.ProcessedAt, m.SendingApplication, m.SendingFacility, m.ControlId, m.MessageType, m.TriggerEvent,
            m.Status, m.AckCode, m.Ipp, m.Summary, m.Error, m.ErrorCode, m.Attempts);
        return new AdtMessageDetail(row, m.Raw, m.Ack, m.PatientId, m.HandledBy);
    }
}
