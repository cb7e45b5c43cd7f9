using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// The kiosk's own P-256 key and self-signed certificate, made on first start and kept in
/// <c>provisioning/kiosk-identity.pem</c> (key and certificate in one file, written atomically,
/// mode 0600). The certificate is both the provisioning listener's TLS certificate and the issuer
/// of technicians' client certificates. Technicians pin its <see cref="Fingerprint"/>: SHA-256 of
/// the key's SubjectPublicKeyInfo, shown on the screen and the enrollment slip.
/// </summary>
public sealed partial class KioskKey : IDisposable
{
    public const string FileName = "kiosk-identity.pem";

    /// <summary>The name in the certificate; clients pin the key, not a name.</summary>
    public const string ServerName = "kiosk-agent.provisioning";

    private readonly ECDsa _key;

    public KioskKey(IOptions<KioskOptions> kiosk, TimeProvider time, ILogger<KioskKey> logger)
    {
        var path = Path.Combine(ProvisioningFiles.EnsureDirectory(kiosk.Value), FileName);
        if (!File.Exists(path))
        {
            Create(path, time.GetUtcNow());
            LogCreated(logger, path);
        }

        var pem = File.ReadAllText(path);
        _key = ECDsa.Create();
        _key.ImportFromPem(pem);
        using var publicOnly = X509Certificate2.CreateFromPem(pem);
        Certificate = publicOnly.CopyWithPrivateKey(_key);
        Fingerprint = FingerprintOf(Certificate);
        LogLoaded(logger, Fingerprint);
    }

    public X509Certificate2 Certificate { get; }

    public string Fingerprint { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Signs technicians' certificates.</summary>
    public X509SignatureGenerator Signer => X509SignatureGenerator.CreateForECDsa(_key);

    /// <summary>SHA-256 of a certificate's SubjectPublicKeyInfo, lower-case hex (what kioskctl --fingerprint takes).</summary>
    public static string FingerprintOf(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private static void Create(string path, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName($"KioskAgent kiosk {Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16]}");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        // No extended key usage: an issuer's EKU limits its chain, and this one issues client certificates.
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(ServerName);
        request.CertificateExtensions.Add(names.Build());

        // Valid from a day back (a kiosk clock that is a little behind) for 30 years: the key, not
        // the date, is what technicians trust, and a factory reset makes a new one.
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
        var pem = new StringBuilder()
            .Append(key.ExportPkcs8PrivateKeyPem()).Append('\n')
            .Append(certificate.ExportCertificatePem()).Append('\n')
            .ToString();
        ProvisioningFiles.WriteAtomic(path, Encoding.ASCII.GetBytes(pem));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made the kiosk's provisioning key {Path}: the kiosk waits for a technician to enroll")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kiosk provisioning key fingerprint {Fingerprint}")]
    private static partial void LogLoaded(ILogger logger, string fingerprint);
}
