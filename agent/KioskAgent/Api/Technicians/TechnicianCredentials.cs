using System.Text;

namespace KioskAgent.Api.Technicians;

/// <summary>What a caller presented in the <c>authorization</c> metadata: Basic user and password (RFC 7617) or a Bearer token (RFC 6750).</summary>
public sealed record TechnicianCredentials(string? User, string Secret)
{
    public bool IsBearer => User is null;

    public static bool TryParse(string? authorization, out TechnicianCredentials? credentials, out string error)
    {
        credentials = null;
        error = "";
        var value = authorization?.Trim() ?? "";
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = value["Bearer ".Length..].Trim();
            credentials = token.Length > 0 ? new TechnicianCredentials(null, token) : null;
        }
        else if (value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            credentials = ParseBasic(value["Basic ".Length..].Trim());
        }

        if (credentials is null)
        {
            error = "the authorization metadata must be 'Basic base64(user:password)' or 'Bearer <token>'";
        }

        return credentials is not null;
    }

    private static TechnicianCredentials? ParseBasic(string encoded)
    {
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(encoded));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : new TechnicianCredentials(decoded[..colon], decoded[(colon + 1)..]);
    }
}
