using System.Security.Cryptography;

namespace KioskAgent.Tests.Testing.Updates;

/// <summary>
/// What the update tests share: mosquitto, a test central, the update key and a loopback HTTPS
/// server with the bundles: 1.1.0 build 100 (healthy), 1.5.0 build 150 signed by another key, 0.9.0
/// build 50 (a downgrade), 2.0.0 build 200 (fails its own check).
/// </summary>
public sealed class UpdateFixture : IAsyncLifetime
{
    public const string Good = "good-100.bundle";
    public const string BadSignature = "badsig-150.bundle";
    public const string Downgrade = "down-50.bundle";
    public const string Failing = "fail-200.bundle";

    private readonly ECDsa _key = UpdateBundles.NewKey();

    public string Directory { get; } = TestPaths.NewTempDirectory("update-files");

    public MosquittoBroker Broker { get; private set; } = null!;

    public TestCentral Central { get; private set; } = null!;

    public HttpsFileServer Server { get; private set; } = null!;

    public string PublicKeyFile => Path.Combine(Directory, "update-key.pem");

    public string Bundle(string name) => Path.Combine(Directory, name);

    public AgentSettings NewKioskSettings() => SupervisedKiosk.SettingsFor(Broker.Port, PublicKeyFile, Server.CertificatePemFile);

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(PublicKeyFile, _key.ExportSubjectPublicKeyInfoPem());
        using var other = UpdateBundles.NewKey();
        UpdateBundles.Write(Bundle(Good), _key, "1.1.0", 100, UpdateBundles.HealthyPayload);
        UpdateBundles.Write(Bundle(BadSignature), _key, "1.5.0", 150, UpdateBundles.HealthyPayload, signWith: other);
        UpdateBundles.Write(Bundle(Downgrade), _key, "0.9.0", 50, UpdateBundles.HealthyPayload);
        UpdateBundles.Write(Bundle(Failing), _key, "2.0.0", 200, UpdateBundles.FailingPayload);
        Broker = await MosquittoBroker.StartAsync();
        Central = await TestCentral.ConnectAsync(Broker.Port);
        Server = await HttpsFileServer.StartAsync(Directory);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Central.DisposeAsync();
        await Broker.DisposeAsync();
        _key.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
