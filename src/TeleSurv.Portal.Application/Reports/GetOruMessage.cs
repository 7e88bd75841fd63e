using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>One outbox message with its raw ER7 text and the last acknowledgement: patient data, so every view is audited.</summary>
[RequireRole(StaffRole.Admin)]
[Audited("oru.message.read")]
public sealed record GetOruMessageQuery(long Sequence) : IRequest<OruMessageDetail>;

/// <param name="Message">The message as sent, in ER7 (segments ended by a carriage return).</param>
/// <param name="Ack">The last acknowledgement as received, in ER7.</param>
public sealed record OruMessageDetail(OruOutboxRow Row, string Message, string CharacterSet, string? Ack);

public sealed class GetOruMessageQueryValidator : AbstractValidator<GetOruMessageQuery>
{
    public GetOruMessageQueryValidator() => RuleFor(q => q.Sequence).GreaterThan(0);
}

internal sealed class GetOruMessageQueryHandler(IPortalDbContextFactory dbContextFactory) : IRequestHandler<GetOruMessageQuery, OruMessageDetail>
{
    public async ValueTask<OruMessageDetail> Handle(GetOruMessageQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var message = await db.OruOutbox.AsNoTracking()
            .Where(m => m.Sequence == request.Sequence)
            .Select(m => new { m.Message, m.CharacterSet, m.Ack })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"ORU message {request.Sequence} was not found.");
        var row = (await OruOutboxRows.ReadAsync(db, db.OruOutbox.AsNoTracking().Where(m => m.Sequence == request.Sequence), cancellationToken))
            .Single();
        if (AuditDetails.Current is { } audit)
        {
            audit.TargetType = "OruMessage";
            audit.TargetId = row.ControlId;
            audit.PatientId = row.PatientId;
            audit.Detail = "Raw message viewed.";
        }

        return new OruMessageDetail(row, message.Message, message.CharacterSet, message.Ack);
    }
}
