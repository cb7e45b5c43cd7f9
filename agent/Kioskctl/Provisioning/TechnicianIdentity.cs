using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kioskctl.Provisioning;

/// <summary>
/// What kioskctl keeps per enrolled kiosk, in <c>$KIOSKCTL_HOME/kiosks/HOST_PORT/</c> (default
/// ~/.config/kioskctl): the technician's private key (mode 0600, never sent anywhere), the
/// certificate the kiosk issued, and the kiosk's pinned fingerprint.
/// </summary>
public sealed class TechnicianIdentity
{
    public const string HomeVariable = "KIOSKCTL_HOME";
    public const string KioskVariable = "KIOSKCTL_KIOSK";

    private TechnicianIdentity(string directory) => Directory = directory;

    public string Directory { get; }

    public static string Home => Environment.GetEnvironmentVariable(HomeVariable)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "kioskctl");

    public static TechnicianIdentity For(string hostAndPort) =>
        new(Path.Combine(Home, "kiosks", PinnedChannel.WithPort(hostAndPort).Replace(':', '_').Replace('[', '_').Replace(']', '_')));

    public bool Exists => File.Exists(Path.Combine(Directory, "technician.crt"));

    public string Fingerprint => File.ReadAllText(Path.Combine(Directory, "fingerprint")).Trim();

    /// <summary>A new P-256 key and its certificate signing request (PEM).</summary>
    public static (ECDsa Key, string CsrPem) NewRequest(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        return (key, new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256).CreateSigningRequestPem());
    }

    public void Save(ECDsa key, string certificatePem, string fingerprint)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(Path.Combine(Directory, "technician.key"), options)))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(Path.Combine(Directory, "technician.crt"), certificatePem);
        File.WriteAllText(Path.Combine(Directory, "fingerprint"), fingerprint + "\n");
    }

    public X509Certificate2 LoadCertificate()
    {
        using var withKey = X509Certificate2.CreateFromPemFile(Path.Combine(Directory, "technician.crt"), Path.Combine(Directory, "technician.key"));

        // SslStream on Linux wants a certificate whose key it can hand to OpenSSL: a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
