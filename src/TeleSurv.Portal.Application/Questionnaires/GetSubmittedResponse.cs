using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.PatientLinks;

namespace TeleSurv.Portal.Application.Questionnaires;

/// <summary>
/// One of the patient's own responses, read back with their link's token: the same result as when it was sent.
/// A response of another enrollment is reported as not found.
/// </summary>
[AllowAnonymousRequest("The patient's link token is the credential; the handler checks it.")]
[Audited("questionnaire.response.read")]
public sealed record GetSubmittedResponseQuery(string Token, Guid ResponseId) : IRequest<QuestionnaireSubmissionResult>
{
    // The token is a credential: keep it out of anything that prints the request.
    public override string ToString() => $"{nameof(GetSubmittedResponseQuery)} {{ ResponseId = {ResponseId} }}";
}

internal sealed class GetSubmittedResponseQueryHandler(IPortalDbContextFactory dbContextFactory, TimeProvider timeProvider)
    : IRequestHandler<GetSubmittedResponseQuery, QuestionnaireSubmissionResult>
{
    public async ValueTask<QuestionnaireSubmissionResult> Handle(GetSubmittedResponseQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var (_, enrollment) = await PatientLinkAccess.RequireActiveAsync(db, request.Token, now, cancellationToken);
        var response = await db.QuestionnaireResponses.AsNoTracking()
            .Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.Id == request.ResponseId && r.EnrollmentId == enrollment.Id, cancellationToken)
            ?? throw new NotFoundException("QuestionnaireResponse", request.ResponseId);
        AuditDetails.Current?.SetTarget("QuestionnaireResponse", response.Id);
        return await QuestionnaireSubmissionResults.DescribeAsync(db, response, cancellationToken);
    }
}
