using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Support;

/// <summary>Base of the tests that send requests against the class's database (one derived class per provider).</summary>
public abstract class DatabaseTest(DatabaseFixture fixture) : IDisposable
{
    protected ApplicationHost Host { get; } = new(fixture.Database);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Host.Dispose();
        }
    }
}
