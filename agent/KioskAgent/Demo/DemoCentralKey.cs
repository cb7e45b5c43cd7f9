using KioskAgent.Central.Signing;
using KioskAgent.CentralLink;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

using KioskAgent.Storage;

namespace KioskAgent.Demo;

/// <summary>
/// Demo mode's central signing key, so the demo needs no setup and still runs with signatures
/// required: made once and kept in the data directory (<see cref="FileName"/>), signed with by the
/// in-process reference central and trusted by the agent as key <see cref="KeyId"/>. Never a
/// deployed kiosk's key: it lies next to the kiosk's own data.
/// </summary>
public sealed class DemoCentralKey(IOptions<DemoOptions> demo, IOptions<KioskOptions> kiosk) : IDisposable
{
    public const string FileName = "demo-central-signing.key";
    public const string KeyId = "demo-central";

    private readonly Lazy<CentralSigner?> _signer = new(() => demo.Value.ReferenceCentral ? LoadOrCreate(Path.Combine(kiosk.Value.ResolvedDataDirectory, FileName)) : null);

    /// <summary>The demo central's signer; null unless <c>Demo:ReferenceCentral</c>.</summary>
    public CentralSigner? Signer => _signer.Value;

    /// <summary>Adds the demo key to the keys the agent trusts (demo reference central only).</summary>
    public void Trust(CentralLinkOptions central)
    {
        if (Signer is { } signer && !central.SigningKeys.Any(k => k.Id == KeyId))
        {
            central.SigningKeys.Add(new CentralSigningKeyOptions { Id = KeyId, PublicKeyPem = signer.PublicKeyPem() });
        }
    }

    public void Dispose()
    {
        if (_signer.IsValueCreated)
        {
            _signer.Value?.Dispose();
        }
    }

    private static CentralSigner LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return CentralSigner.FromPemFile(path, KeyId);
        }

        var signer = CentralSigner.Generate(KeyId);
        AtomicFile.WriteAllText(path, signer.PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        return signer;
    }
}
