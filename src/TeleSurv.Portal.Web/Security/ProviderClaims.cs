using System.Globalization;
using System.Text.Json;
using TeleSurv.Portal.Application.Staff;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// The claims the provider gave about the user: the id_token's payload, then the userinfo answer when asked for.
/// A claim name is looked up as is first, then as a dotted path into nested objects and arrays, because providers
/// nest what the portal needs (Keycloak's <c>realm_access.roles</c>, Pro Santé Connect's <c>SubjectRefPro</c>).
/// </summary>
public sealed class ProviderClaims(IReadOnlyList<JsonElement> documents)
{
    public static ProviderClaims Parse(params string[] json) =>
        new([.. json.Select(j => JsonDocument.Parse(j).RootElement.Clone())]);

    /// <summary>Every value of the claim, in document order, without duplicates.</summary>
    public IReadOnlyList<string> Values(string claim)
    {
        var values = new List<string>();
        foreach (var document in documents)
        {
            if (document.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (document.TryGetProperty(claim, out var direct))
            {
                Collect(direct, values);
            }
            else if (claim.Contains('.', StringComparison.Ordinal))
            {
                Walk(document, claim.Split('.'), 0, values);
            }
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    public string? First(string claim) => Values(claim) is [var first, ..] ? first : null;

    /// <summary>What the sign-in settings make of these claims, as the directory's sign-in command.</summary>
    public SignInWithIdentityProviderCommand ToSignInCommand(OidcSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var login = First(settings.LoginClaim);
        if (string.IsNullOrWhiteSpace(login) || login.Length > 256)
        {
            throw new SignInFailedException(SignInFailure.MissingLogin);
        }

        var name = First(settings.NameClaim)
            ?? string.Join(' ', new[] { First("given_name"), First("family_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var email = First(settings.EmailClaim);
        return new SignInWithIdentityProviderCommand
        {
            Login = login,
            DisplayName = Truncate(string.IsNullOrWhiteSpace(name) ? login : name.Trim(), 200),
            Email = email is { Length: <= 254 } ? email : null,
            RoleFromProvider = settings.RoleClaim is not null,
            Role = settings.RoleClaim is { } roleClaim ? settings.RoleFor(Values(roleClaim)) : null,
            EstablishmentFiness = settings.EstablishmentClaim is { } finessClaim
                ? [.. Values(finessClaim).Select(f => f.Trim()).Where(f => f.Length > 0).Take(SignInWithIdentityProviderCommandValidator.MaxEstablishments)]
                : null,
        };
    }

    private static void Walk(JsonElement element, string[] path, int index, List<string> values)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, path, index, values);
            }

            return;
        }

        if (index == path.Length)
        {
            Collect(element, values);
            return;
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(path[index], out var next))
        {
            Walk(next, path, index + 1, values);
        }
    }

    private static void Collect(JsonElement element, List<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                values.Add(element.GetString()!);
                break;
            case JsonValueKind.Number:
                values.Add(element.GetRawText());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                values.Add(element.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant());
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, values);
                }

                break;
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
