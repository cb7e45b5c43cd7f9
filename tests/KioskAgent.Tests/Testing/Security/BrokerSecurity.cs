using System.Diagnostics;
using KioskAgent.CentralLink;
using KioskAgent.Central;
using MQTTnet;

namespace KioskAgent.Tests.Testing.Security;

/// <summary>
/// Everything a production-like broker needs, generated at test time: a CA, a broker certificate,
/// one account per kiosk plus a central account (password through mosquitto_passwd, a client
/// certificate each) and an ACL confining each kiosk to its own topics (<see cref="MosquittoAcl"/>).
/// Hand it to <see cref="MosquittoBroker.StartAsync(BrokerSecurity?)"/>.
/// </summary>
public sealed class BrokerSecurity : IDisposable
{
    public const string CentralUsername = "central";

    private readonly string _directory;
    private readonly Dictionary<string, BrokerUser> _users = new(StringComparer.Ordinal);

    private BrokerSecurity(string directory, TestCertificateAuthority ca, PemPair server, string passwordFile, string aclFile)
    {
        _directory = directory;
        Ca = ca;
        Server = server;
        PasswordFile = passwordFile;
        AclFile = aclFile;
    }

    public TestCertificateAuthority Ca { get; }

    public PemPair Server { get; }

    public string PasswordFile { get; }

    public string AclFile { get; }

    public BrokerUser Central => _users[CentralUsername];

    /// <summary>Kiosk accounts are named after the kiosk: kiosk-{site}-{kiosk}.</summary>
    public static string KioskUsername(string siteId, string kioskId) => $"kiosk-{siteId}-{kioskId}";

    public BrokerUser Kiosk(string siteId, string kioskId) => _users[KioskUsername(siteId, kioskId)];

    /// <summary>The largest payload the broker takes: a snapshot chunk of MemberSync:MaxChunkBytes (16 MiB), docs/mqtt-security.md.</summary>
    public const int MessageSizeLimit = 16 * 1024 * 1024;

    public static Task<BrokerSecurity> CreateAsync(params (string SiteId, string KioskId)[] kiosks) => CreateAsync(looseAcl: false, kiosks);

    /// <summary>
    /// With <paramref name="looseAcl"/> each kiosk account may read and write everything below its
    /// base topic, its inbound topics included (the ACL before kiosks were made read-only there, or
    /// a misconfigured broker): for tests of what the agent itself refuses.
    /// </summary>
    public static async Task<BrokerSecurity> CreateAsync(bool looseAcl, params (string SiteId, string KioskId)[] kiosks)
    {
        var directory = TestPaths.NewTempDirectory("broker-security");
        var ca = new TestCertificateAuthority(directory);
        var security = new BrokerSecurity(directory, ca, ca.IssueServer(), Path.Combine(directory, "passwords"), Path.Combine(directory, "acl"));
        await security.AddUserAsync(CentralUsername);
        foreach (var (site, kiosk) in kiosks)
        {
            await security.AddUserAsync(KioskUsername(site, kiosk));
        }

        var acl = looseAcl
            ? MosquittoAcl.ForCentral(CentralUsername) + string.Concat(kiosks.Select(k => $"\nuser {KioskUsername(k.SiteId, k.KioskId)}\ntopic readwrite kiosk/v1/{k.SiteId}/{k.KioskId}/#\n"))
            : MosquittoAcl.File(CentralUsername, kiosks.Select(k => (KioskUsername(k.SiteId, k.KioskId), k.SiteId, k.KioskId)));
        await File.WriteAllTextAsync(security.AclFile, acl);
        return security;
    }

    /// <summary>
    /// mosquitto.conf lines for one TLS listener with passwords, client certificates and the ACL:
    /// the configuration of docs/mqtt-security.md, with the test's port and files.
    /// </summary>
    public string ListenerConfig(int port) => $"""
        per_listener_settings false
        message_size_limit {MessageSizeLimit}
        listener {port} 127.0.0.1
        cafile {Ca.CertificateFile}
        certfile {Server.CertificateFile}
        keyfile {Server.KeyFile}
        require_certificate true
        tls_version tlsv1.2
        allow_anonymous false
        password_file {PasswordFile}
        acl_file {AclFile}
        """;

    /// <summary>The agent's Central:* settings (as KIOSK_ environment variables) for one kiosk.</summary>
    public Dictionary<string, string> AgentSettings(string siteId, string kioskId)
    {
        var user = Kiosk(siteId, kioskId);
        return new Dictionary<string, string>
        {
            ["Central__UseTls"] = "true",
            ["Central__CaFile"] = Ca.CertificateFile,
            ["Central__ClientCertificateFile"] = user.Certificate.CertificateFile,
            ["Central__ClientKeyFile"] = user.Certificate.KeyFile,
            ["Central__Username"] = user.Username,
            ["Central__Password"] = user.Password,
        };
    }

    /// <summary>Client options for a test client logging in as <paramref name="user"/>.</summary>
    public void Apply(MqttClientOptionsBuilder builder, BrokerUser user)
    {
        builder.WithCredentials(user.Username, user.Password);
        builder.WithTlsOptions(CentralTls.Build(new CentralLinkOptions
        {
            UseTls = true,
            CaFile = Ca.CertificateFile,
            ClientCertificateFile = user.Certificate.CertificateFile,
            ClientKeyFile = user.Certificate.KeyFile,
        }));
    }

    public void Dispose()
    {
        Ca.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task AddUserAsync(string username)
    {
        var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        string[] args = File.Exists(PasswordFile) ? ["-b", PasswordFile, username, password] : ["-c", "-b", PasswordFile, username, password];
        using var process = Process.Start(new ProcessStartInfo(MosquittoPasswd, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed ({process.ExitCode}): {error}");
        }

        _users[username] = new BrokerUser(username, password, Ca.IssueClient(username));
    }

    private static string MosquittoPasswd { get; } = new[] { "/usr/bin/mosquitto_passwd", "/usr/local/bin/mosquitto_passwd" }
        .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("mosquitto_passwd is not installed (Debian package mosquitto; `./build.sh --target=Test` installs it).");
}
