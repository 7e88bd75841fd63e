namespace TeleSurv.Portal.Domain.Scheduling;

/// <summary>
/// One scheduled questionnaire: its due date and the window in which a response belongs to it,
/// from <see cref="OpensAt"/> (inclusive) to <see cref="ClosesAt"/> (exclusive), both UTC.
/// </summary>
/// <param name="Number">1 for the first questionnaire of the enrollment.</param>
public sealed record ScheduledWeek(int Number, DateOnly DueDate, DateTime OpensAt, DateTime ClosesAt)
{
    public bool Accepts(DateTime at) => at >= OpensAt && at < ClosesAt;
}
