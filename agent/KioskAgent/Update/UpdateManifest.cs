using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAgent.Update;

/// <summary>What a bundle says about itself (<c>manifest.json</c>); trusted only once its signature checked.</summary>
public sealed record UpdateManifest
{
    public const string FileName = "manifest.json";

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    /// <summary>Monotonic across every build ever shipped: what downgrade checks compare.</summary>
    [JsonPropertyName("build")]
    public long Build { get; init; }

    [JsonPropertyName("payload_sha256")]
    public string PayloadSha256 { get; init; } = "";

    /// <summary>The oldest running build this update may replace (0: any).</summary>
    [JsonPropertyName("min_from_build")]
    public long MinFromBuild { get; init; }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, UpdateJson.Default.UpdateManifest);

    /// <summary>Null when the bytes are not a manifest with a version, a positive build and a SHA-256.</summary>
    public static UpdateManifest? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize(json, UpdateJson.Default.UpdateManifest);
            return manifest is { Build: > 0, Version.Length: > 0 and <= 64, PayloadSha256.Length: 64 } && manifest.PayloadSha256.All(char.IsAsciiHexDigit)
                ? manifest
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
