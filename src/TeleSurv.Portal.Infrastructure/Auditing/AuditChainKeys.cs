using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace TeleSurv.Portal.Infrastructure.Auditing;

/// <summary>
/// The keys of the audit chain's HMAC, held outside the database so that whoever can write the database cannot
/// recompute the chain. New entries use <see cref="Current"/>; older entries name the key they were written with,
/// so a rotated-out key stays here as long as entries signed with it must verify.
/// </summary>
public sealed class AuditChainKeys
{
    public const string Section = "Audit";

    /// <summary>Key id of the key derived for Development and demo deployments, never for a real one.</summary>
    public const string DevelopmentKeyId = "development";

    /// <summary>A key shorter than this is refused: HMAC-SHA256 is as strong as its key, up to 32 bytes.</summary>
    public const int MinimumKeyBytes = 32;

    private const int MaximumKeyIdLength = 64;

    private readonly Dictionary<string, byte[]> _keys;

    public AuditChainKeys(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        if (!_keys.ContainsKey(currentKeyId))
        {
            throw new ArgumentException($"No key has the id '{currentKeyId}'.", nameof(currentKeyId));
        }

        CurrentKeyId = currentKeyId;
    }

    public string CurrentKeyId { get; }

    public byte[] Current => _keys[CurrentKeyId];

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public bool TryGet(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>
    /// A fixed key, the same on every run, for Development, demo deployments and tests: it protects nothing, since
    /// anyone can derive it, but keeps the keyed code path the one that runs everywhere.
    /// </summary>
    public static AuditChainKeys Development() =>
        new(new Dictionary<string, byte[]>
        {
            [DevelopmentKeyId] = SHA256.HashData(Encoding.UTF8.GetBytes("TeleSurv.Portal audit chain, development key: not a secret")),
        }, DevelopmentKeyId);

    /// <summary>
    /// Reads <c>Audit:ChainKeys</c> (a list of <c>Id</c> and base64 <c>Key</c>) or <c>Audit:ChainKeyFile</c> (one
    /// <c>id=base64</c> line per key), with <c>Audit:CurrentChainKeyId</c> naming the key for new entries (needed when
    /// there are several). Without keys, Development and a demo allowed outside it get <see cref="Development"/>;
    /// anywhere else the portal must not start.
    /// </summary>
    /// <exception cref="PortalConfigurationException">The keys are missing or wrong; the message names the setting.</exception>
    public static AuditChainKeys FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var section = configuration.GetSection(Section);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var order = new List<string>();

        foreach (var child in section.GetSection("ChainKeys").GetChildren())
        {
            Add(child["Id"], child["Key"], $"{Section}:ChainKeys:{child.Key}");
        }

        var file = section["ChainKeyFile"];
        if (!string.IsNullOrWhiteSpace(file))
        {
            var path = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(environment.ContentRootPath, file));
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new PortalConfigurationException($"{Section}:ChainKeyFile '{path}' cannot be read: {ex.Message}", ex);
            }

            var number = 0;
            foreach (var line in lines)
            {
                number++;
                var text = line.Trim();
                if (text.Length == 0 || text.StartsWith('#'))
                {
                    continue;
                }

                var equals = text.IndexOf('=', StringComparison.Ordinal);
                Add(equals > 0 ? text[..equals].Trim() : null, equals > 0 ? text[(equals + 1)..].Trim() : null, $"{Section}:ChainKeyFile '{path}' line {number}");
            }
        }

        var current = section["CurrentChainKeyId"];
        if (keys.Count == 0)
        {
            var demo = bool.TryParse(configuration["Demo:AllowSignInOutsideDevelopment"], out var allowed) && allowed;
            if (environment.IsDevelopment() || demo)
            {
                return Development();
            }

            throw new PortalConfigurationException(
                $"{Section}:ChainKeys (or {Section}:ChainKeyFile) is not set: the audit trail needs a key held outside the database, e.g. {Section}:ChainKeys:0:Id=2026-1 and {Section}:ChainKeys:0:Key=<32 random bytes in base64>.");
        }

        if (string.IsNullOrWhiteSpace(current))
        {
            if (keys.Count > 1)
            {
                throw new PortalConfigurationException(
                    $"{Section}:CurrentChainKeyId is not set but there are {keys.Count} audit chain keys: name the one new entries use ({string.Join(", ", order)}).");
            }

            current = order[0];
        }
        else if (!keys.ContainsKey(current.Trim()))
        {
            throw new PortalConfigurationException(
                $"{Section}:CurrentChainKeyId '{current}' names no configured audit chain key ({string.Join(", ", order)}).");
        }

        return new AuditChainKeys(keys, current.Trim());

        void Add(string? id, string? base64, string where)
        {
            id = id?.Trim();
            if (string.IsNullOrEmpty(id) || id.Length > MaximumKeyIdLength || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new PortalConfigurationException($"{where}: the key id must be 1 to {MaximumKeyIdLength} characters without spaces.");
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(base64?.Trim() ?? "");
            }
            catch (FormatException ex)
            {
                throw new PortalConfigurationException($"{where}: the key of '{id}' is not base64.", ex);
            }

            if (key.Length < MinimumKeyBytes)
            {
                throw new PortalConfigurationException($"{where}: the key of '{id}' has {key.Length} bytes; at least {MinimumKeyBytes} are needed.");
            }

            if (!keys.TryAdd(id, key))
            {
                throw new PortalConfigurationException($"{where}: the key id '{id}' is given twice.");
            }

            order.Add(id);
        }
    }
}
