using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KioskAgent.Tests.Testing.Security;

/// <summary>
/// A throwaway CA made at test time (ECDSA P-256, like a small fleet CA would use), issuing a broker
/// certificate for 127.0.0.1/localhost and client certificates, all written as PEM files.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly string _directory;

    public TestCertificateAuthority(string directory, string name = "KioskAgent Test CA")
    {
        _directory = directory;
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        CertificateFile = Path.Combine(directory, $"{Slug(name)}.crt");
        File.WriteAllText(CertificateFile, _certificate.ExportCertificatePem());
    }

    /// <summary>The CA certificate (PEM): the agent's Central:CaFile, mosquitto's cafile.</summary>
    public string CertificateFile { get; }

    /// <summary>A TLS server certificate valid for 127.0.0.1 and localhost.</summary>
    public PemPair IssueServer(string name = "broker") =>
        Issue(name, server: true, san =>
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
        });

    /// <summary>A TLS client certificate whose CN is <paramref name="commonName"/>.</summary>
    public PemPair IssueClient(string commonName) => Issue(commonName, server: false, san => san.AddDnsName(commonName));

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    private PemPair Issue(string commonName, bool server, Action<SubjectAlternativeNameBuilder> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(_certificate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);
        var pair = new PemPair(Path.Combine(_directory, $"{Slug(commonName)}.crt"), Path.Combine(_directory, $"{Slug(commonName)}.key"));
        File.WriteAllText(pair.CertificateFile, issued.ExportCertificatePem());
        File.WriteAllText(pair.KeyFile, key.ExportPkcs8PrivateKeyPem());
        return pair;
    }

    private static string Slug(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
