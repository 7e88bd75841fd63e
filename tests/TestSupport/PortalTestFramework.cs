using Xunit.Abstractions;
using Xunit.Sdk;

namespace TeleSurv.Portal.TestSupport;

/// <summary>
/// xunit's own framework, except that tests on SQL Server are reported skipped, with the reason, where
/// <c>TELESURV_TEST_SQLSERVER</c> names no server: the rows of <see cref="TestProviders.All"/> for SQL Server, and
/// the tests of classes marked <see cref="OnSqlServerAttribute"/> or using <see cref="SqlServerDatabaseFixture"/>. Each test project that compiles TestSupport
/// names it in an assembly attribute (its project file).
/// </summary>
public sealed class PortalTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    public const string SqlServerSkipReason =
        $"No SQL Server here: set {TestDatabase.SqlServerVariable} to a connection string whose login may create databases "
        + "to run this test on SQL Server (docs/configuration.md).";

    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    /// <summary>
    /// Whether a test runs on SQL Server: its class is marked <see cref="OnSqlServerAttribute"/> or uses
    /// <see cref="SqlServerDatabaseFixture"/>, or a <see cref="Infrastructure.Persistence.DatabaseProvider"/> argument says so.
    /// </summary>
    public static bool NeedsSqlServer(Type testClass, object?[]? arguments) =>
        testClass.IsDefined(typeof(OnSqlServerAttribute), inherit: false)
        || typeof(IClassFixture<SqlServerDatabaseFixture>).IsAssignableFrom(testClass)
        || (arguments?.Any(a => a is Infrastructure.Persistence.DatabaseProvider.SqlServer) ?? false);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions) =>
            TestDatabase.SqlServer is null
                ? base.FindTestsForMethod(testMethod, includeSourceInformation, new SkippingBus(messageBus, DiagnosticMessageSink, discoveryOptions), discoveryOptions)
                : base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
    }

    /// <summary>Passes discovered tests on, each SQL Server one replaced by the same test, skipped.</summary>
    private sealed class SkippingBus(IMessageBus inner, IMessageSink diagnosticMessageSink, ITestFrameworkDiscoveryOptions options) : IMessageBus
    {
        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage { TestCase: XunitTestCase testCase }
                && testCase is not XunitSkippedDataRowTestCase
                && NeedsSqlServer(testCase.TestMethod.TestClass.Class.ToRuntimeType(), testCase.TestMethodArguments))
            {
                message = new TestCaseDiscoveryMessage(new XunitSkippedDataRowTestCase(
                    diagnosticMessageSink,
                    options.MethodDisplayOrDefault(),
                    options.MethodDisplayOptionsOrDefault(),
                    testCase.TestMethod,
                    SqlServerSkipReason,
                    testCase.TestMethodArguments));
            }

            return inner.QueueMessage(message);
        }

        // The bus belongs to the caller, which disposes it.
        public void Dispose()
        {
        }
    }
}
