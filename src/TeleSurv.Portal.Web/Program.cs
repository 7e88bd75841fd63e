using TeleSurv.Portal.Infrastructure;
using TeleSurv.Portal.Web.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortal();
    var app = builder.Build();
    await app.PreparePortalAsync();
    app.UsePortal();
    await app.RunAsync();
    return 0;
}
catch (PortalConfigurationException exception)
{
    await Console.Error.WriteLineAsync($"TeleSurv cannot start: {exception.Message}");
    return 1;
}

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
