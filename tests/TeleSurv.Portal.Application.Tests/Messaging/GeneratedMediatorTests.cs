using System.Globalization;
using System.Reflection;
using Mediator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TeleSurv.Portal.Application.Tests.Messaging;

/// <summary>
/// The mediator's source generator, run here as in every build of a host (the portal, these tests, the
/// benchmarks) with our build's option that warnings are errors: a request that nobody handles, or that two
/// handlers claim, fails the build instead of the first send.
/// </summary>
public sealed class GeneratedMediatorTests
{
    private const string Requests = """
        using Mediator;
        using Microsoft.Extensions.DependencyInjection;

        public sealed record Handled(int Value) : IRequest<int>;

        public sealed class HandledHandler : IRequestHandler<Handled, int>
        {
            public ValueTask<int> Handle(Handled request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Value);
        }

        public static class Host
        {
            public static IServiceCollection Wire(IServiceCollection services) =>
                services.AddMediator((MediatorOptions options) => options.ServiceLifetime = ServiceLifetime.Transient);
        }
        """;

    [Fact]
    public void Requests_that_each_have_one_handler_build_without_a_diagnostic()
    {
        var errors = Build(Requests);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(10)));
    }

    [Fact]
    public void A_request_without_a_handler_fails_the_build_with_its_name()
    {
        var errors = Build(Requests, "public sealed record Forgotten(int Value) : Mediator.IRequest<int>;");

        var error = Assert.Single(errors);
        Assert.Equal("MSG0005", error.Id);
        Assert.Contains("Forgotten", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_handler_of_a_request_fails_the_build()
    {
        var errors = Build(Requests, """
            public sealed class SecondHandler : Mediator.IRequestHandler<Handled, int>
            {
                public ValueTask<int> Handle(Handled request, CancellationToken cancellationToken) => ValueTask.FromResult(0);
            }
            """);

        var error = Assert.Single(errors);
        Assert.Equal("MSG0001", error.Id);
        Assert.Contains("multiple handlers", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Compiles the sources with the generator, warnings as errors, and returns the errors.</summary>
    private static List<Diagnostic> Build(params string[] sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources
            .Append("global using System; global using System.Threading; global using System.Threading.Tasks;")
            .Select(s => CSharpSyntaxTree.ParseText(s, parseOptions));
        // The framework and the mediator's abstractions only: the generator scans every referenced assembly.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("TeleSurv.", StringComparison.Ordinal))
            .Append(typeof(IMediator).Assembly.Location)
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "GeneratedMediatorProbe",
            trees,
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error));

        GeneratorDriver driver = CSharpGeneratorDriver.Create([LoadGenerator().AsSourceGenerator()], parseOptions: parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        return [.. generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    private static IIncrementalGenerator LoadGenerator()
    {
        var path = typeof(GeneratedMediatorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "MediatorSourceGenerator").Value!;
        var generatorType = Assembly.LoadFrom(path).GetExportedTypes()
            .Single(t => t is { IsAbstract: false } && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        return (IIncrementalGenerator)Activator.CreateInstance(generatorType)!;
    }
}
