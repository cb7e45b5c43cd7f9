using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace KioskAgent.Update;

/// <summary>
/// An update bundle on disk: one tar file with <c>manifest.json</c>, <c>manifest.sig</c> (base64 DER
/// ECDSA P-256 / SHA-256 over the manifest's exact bytes) and <c>payload.tar.gz</c> (the agent
/// directory). <see cref="Read"/> only looks (manifest, signature, the payload's digest while it
/// streams past); <see cref="ExtractPayload"/> unpacks once everything checked.
/// </summary>
public sealed class UpdateBundle
{
    public const string SignatureName = "manifest.sig";
    public const string PayloadName = "payload.tar.gz";
    private const int MaxManifestBytes = 64 * 1024;

    private UpdateBundle(string path, byte[] manifestBytes, byte[] signature, string payloadSha256)
    {
        Path = path;
        ManifestBytes = manifestBytes;
        Signature = signature;
        PayloadSha256 = payloadSha256;
    }

    public string Path { get; }

    public byte[] ManifestBytes { get; }

    public byte[] Signature { get; }

    /// <summary>The payload's SHA-256 as read, lower-case hex.</summary>
    public string PayloadSha256 { get; }

    public static UpdateBundle Read(string path)
    {
        byte[]? manifest = null;
        byte[]? signature = null;
        string? digest = null;
        try
        {
            using var file = File.OpenRead(path);
            using var reader = new TarReader(file);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                switch (entry.Name)
                {
                    case UpdateManifest.FileName:
                        manifest = ReadSmall(entry.DataStream, entry.Length);
                        break;
                    case SignatureName:
                        signature = Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(ReadSmall(entry.DataStream, entry.Length)).Trim());
                        break;
                    case PayloadName:
                        digest = Convert.ToHexStringLower(SHA256.HashData(entry.DataStream));
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or IOException)
        {
            throw new UpdateRefusedException(UpdateRefusal.Malformed, $"not an update bundle: {ex.Message}");
        }

        if (manifest is null || signature is null || digest is null)
        {
            throw new UpdateRefusedException(UpdateRefusal.Malformed, $"not an update bundle: it must hold {UpdateManifest.FileName}, {SignatureName} and {PayloadName}");
        }

        return new UpdateBundle(path, manifest, signature, digest);
    }

    /// <summary>Unpacks the payload into <paramref name="directory"/> (made empty first).</summary>
    public void ExtractPayload(string directory)
    {
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(directory);
        using var file = File.OpenRead(Path);
        using var reader = new TarReader(file);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == PayloadName && entry.DataStream is not null)
            {
                using var gzip = new GZipStream(entry.DataStream, CompressionMode.Decompress);
                TarFile.ExtractToDirectory(gzip, directory, overwriteFiles: true);
                return;
            }
        }

        throw new UpdateRefusedException(UpdateRefusal.Malformed, $"the bundle lost its {PayloadName}");
    }

    private static byte[] ReadSmall(Stream stream, long length)
    {
        if (length > MaxManifestBytes)
        {
            throw new InvalidDataException($"an entry of {length} bytes where at most {MaxManifestBytes} belong");
        }

        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
