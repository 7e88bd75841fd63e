namespace TeleSurv.Portal.Hl7.Tests.Support;

/// <summary>Runs work on the thread pool and fails the test when it does not finish: a hang must not pass.</summary>
internal static class TimeLimit
{
    public static T Run<T>(Func<T> work, TimeSpan limit, string what)
    {
        var task = Task.Run(work);
        if (!task.Wait(limit))
        {
            Assert.Fail($"{what} did not finish within {limit.TotalSeconds} s: the code hangs.");
        }

        return task.Result;
    }
}
