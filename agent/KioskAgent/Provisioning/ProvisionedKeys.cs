using System.Globalization;
using System.Text.Json;

namespace KioskAgent.Provisioning;

/// <summary>
/// Which configuration keys a technician may provision, which are secrets (never shown back), and
/// how a JSON document becomes flat "Section:Key" settings.
/// </summary>
public static class ProvisionedKeys
{
    public const string Redacted = "(set)";
    public const int MaxSettings = 500;
    public const int MaxValueLength = 8192;

    /// <summary>The sections a technician provisions. The API's own listeners, demo mode and logging stay with the host's files.</summary>
    public static IReadOnlyList<string> Sections { get; } =
        ["Kiosk", "Central", "Devices", "Screen", "CardIdentity", "Taps", "Printing", "Redemption", "Commands", "MemberSync", "Watchdog", "CustomerDisplay", "Signals", "Technician"];

    /// <summary>Null when a technician may set <paramref name="key"/>; otherwise why not.</summary>
    public static string? Problem(string key)
    {
        if (key.Length is 0 or > 200 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '.' or '-'))
        {
            return "not a configuration key (letters, digits, ':', '_', '.', '-'; at most 200)";
        }

        var section = key.Split(':')[0];
        if (!Sections.Contains(section, StringComparer.OrdinalIgnoreCase))
        {
            return $"the section {section} is not provisioned over the API (allowed: {string.Join(", ", Sections)})";
        }

        return key.Equals("Kiosk:DataDirectory", StringComparison.OrdinalIgnoreCase) || key.Equals("Kiosk:SecretFile", StringComparison.OrdinalIgnoreCase)
            ? "the data directory and the kiosk secret are set in the host's files only"
            : null;
    }

    /// <summary>
    /// Secrets are written, never read back: passwords, tokens, keys, and everything of card
    /// identity but its mode (its keys authenticate members' cards).
    /// </summary>
    public static bool IsSecret(string key)
    {
        var last = key.Split(':')[^1];
        return (key.StartsWith("CardIdentity:", StringComparison.OrdinalIgnoreCase) && !key.Equals("CardIdentity:Mode", StringComparison.OrdinalIgnoreCase))
            || last.Contains("password", StringComparison.OrdinalIgnoreCase)
            || last.Contains("secret", StringComparison.OrdinalIgnoreCase)
            || last.Contains("token", StringComparison.OrdinalIgnoreCase)
            || last.EndsWith("key", StringComparison.OrdinalIgnoreCase);
    }

    public static string Shown(string key, string? value) => value is null ? "" : IsSecret(key) ? Redacted : value;

    /// <summary>Flattens a JSON object (nested objects and arrays, or flat "A:B" names) into settings; throws <see cref="FormatException"/> naming the problem.</summary>
    public static Dictionary<string, string> Flatten(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the document is not JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the document must be a JSON object");
            }

            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            Flatten(document.RootElement, "", settings);
            return settings;
        }
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> settings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", settings);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{i.ToString(CultureInfo.InvariantCulture)}", settings);
                    i++;
                }

                break;
            case JsonValueKind.String:
                settings[prefix] = element.GetString()!;
                break;
            case JsonValueKind.Number:
                settings[prefix] = element.GetRawText();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                settings[prefix] = element.GetBoolean() ? "true" : "false";
                break;
            default:
                throw new FormatException($"{prefix}: null is not a value (leave the key out to remove it)");
        }
    }
}
