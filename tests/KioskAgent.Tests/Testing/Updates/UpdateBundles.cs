using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KioskAgent.Update;

namespace KioskAgent.Tests.Testing.Updates;

/// <summary>
/// Update bundles made as a release would make them: the built agent directory as the payload, a
/// manifest with a bumped build, signed with a test key made here.
/// </summary>
public static class UpdateBundles
{
    private static readonly Lazy<byte[]> Healthy = new(() => Payload(failSelfCheck: false));
    private static readonly Lazy<byte[]> Failing = new(() => Payload(failSelfCheck: true));

    /// <summary>The built agent, as published.</summary>
    public static byte[] HealthyPayload => Healthy.Value;

    /// <summary>The built agent whose own appsettings.json switches on Update:FailSelfCheckForTesting.</summary>
    public static byte[] FailingPayload => Failing.Value;

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Writes a bundle; <paramref name="signWith"/> defaults to <paramref name="key"/> (another key makes a bad signature).</summary>
    public static string Write(string path, ECDsa key, string version, long build, byte[] payload, long minFromBuild = 0, ECDsa? signWith = null, string? payloadSha256 = null)
    {
        var manifest = new UpdateManifest
        {
            Version = version,
            Build = build,
            PayloadSha256 = payloadSha256 ?? Convert.ToHexStringLower(SHA256.HashData(payload)),
            MinFromBuild = minFromBuild,
        }.ToBytes();
        var signature = (signWith ?? key).SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Pax);
        Add(tar, UpdateManifest.FileName, manifest);
        Add(tar, UpdateBundle.SignatureName, Encoding.ASCII.GetBytes(Convert.ToBase64String(signature)));
        Add(tar, UpdateBundle.PayloadName, payload);
        return path;
    }

    private static void Add(TarWriter tar, string name, byte[] content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }

    private static byte[] Payload(bool failSelfCheck)
    {
        var directory = Path.GetDirectoryName(TestPaths.AgentDll)!;
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(directory, file);
                if (name == UpdateSlots.BuildFileName)
                {
                    continue;
                }

                if (failSelfCheck && name == "appsettings.json")
                {
                    var settings = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
                    settings["Update"] = new JsonObject { ["FailSelfCheckForTesting"] = true };
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(settings.ToJsonString())) };
                    tar.WriteEntry(entry);
                    continue;
                }

                tar.WriteEntry(file, name);
            }
        }

        return buffer.ToArray();
    }
}
