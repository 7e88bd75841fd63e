using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Security;

/// <summary>
/// The data-protection key ring (what signs and encrypts the session cookie, antiforgery tokens and the browser's
/// protected storage) kept in the portal's database, so every instance reads and accepts what another issued, and
/// encrypted at rest with the certificate named by <c>DataProtection:CertificatePath</c>.
/// </summary>
public static class DataProtectionSetup
{
    public const string SectionName = "DataProtection";

    /// <summary>The same on every instance: the framework's default (the install folder) would differ between machines.</summary>
    public const string ApplicationName = "TeleSurv.Portal";

    /// <exception cref="PortalConfigurationException">A certificate cannot be read; the message names the setting.</exception>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var section = configuration.GetSection(SectionName);
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();

        var current = Load(section, "CertificatePath", "CertificatePassword", environment);
        var previous = section.GetSection("PreviousCertificates").GetChildren()
            .Select(child => Load(child, "Path", "Password", environment))
            .OfType<X509Certificate2>()
            .ToArray();
        if (current is not null)
        {
            builder.ProtectKeysWithCertificate(current);
        }
        else if (previous.Length > 0)
        {
            throw new PortalConfigurationException(
                $"{SectionName}:PreviousCertificates is set but {SectionName}:CertificatePath is not: new keys need the current certificate.");
        }

        if (previous.Length > 0)
        {
            // Keys written under a renewed certificate stay readable until they expire.
            builder.UnprotectKeysWithAnyCertificate([.. previous, current!]);
        }

        services.AddSingleton(new DataProtectionAtRest(current is not null, environment.IsDevelopment()));
        services.AddHostedService<DataProtectionAtRestCheck>();
        return services;
    }

    private static X509Certificate2? Load(IConfigurationSection section, string pathKey, string passwordKey, IHostEnvironment environment)
    {
        var path = section[pathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var setting = $"{section.Path}:{pathKey}";
        var fullPath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, path.Trim()));
        if (!File.Exists(fullPath))
        {
            throw new PortalConfigurationException($"{setting} is \"{path}\", but there is no file {fullPath}.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(fullPath, section[passwordKey], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new PortalConfigurationException(
                $"{setting}: {fullPath} could not be read as a PKCS#12 (.pfx) file with the password of {section.Path}:{passwordKey}: "
                + PortalConfigurationException.AsSentenceEnd(ex.Message), ex);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            throw new PortalConfigurationException($"{setting}: the certificate in {fullPath} has no RSA private key, which protecting the keys needs.");
        }

        return certificate;
    }
}

/// <summary>Whether the key ring is encrypted in the database (a certificate is configured).</summary>
public sealed record DataProtectionAtRest(bool Encrypted, bool InDevelopment);

/// <summary>Says at start, outside Development, that the key ring is stored unencrypted.</summary>
public sealed partial class DataProtectionAtRestCheck(DataProtectionAtRest atRest, ILogger<DataProtectionAtRestCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!atRest.Encrypted && !atRest.InDevelopment)
        {
            LogUnencrypted(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "DataProtection:CertificatePath is not set: the keys that sign session cookies are stored unencrypted in the database. Set a certificate (see docs/configuration.md).")]
    private static partial void LogUnencrypted(ILogger logger);
}
