using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// The kiosk as a tiny CA for its own technicians: signs a technician's certificate signing request
/// with the kiosk key, and accepts a client certificate only when the kiosk key signed it, it is
/// valid now, it is for client authentication and its serial is still enrolled.
/// </summary>
public sealed class TechnicianCertificates(KioskKey key, EnrollmentStore store, IOptions<ProvisioningOptions> options, TimeProvider time)
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Checks a CSR before a code is spent on it: null when usable, otherwise why not.</summary>
    public static string? Problem(string csrPem, out CertificateRequest? request)
    {
        request = null;
        try
        {
            // LoadSigningRequestPem checks the request's own signature (proof of the private key).
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return "csr_pem is not a valid PEM certificate signing request";
        }

        using var ec = request.PublicKey.GetECDsaPublicKey();
        return ec is null || ec.KeySize != 256 ? "csr_pem must carry a P-256 (secp256r1) key" : null;
    }

    /// <summary>Issues a client certificate for the key in <paramref name="request"/>.</summary>
    public X509Certificate2 Issue(CertificateRequest request, string name, string role)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        subject.AddOrganizationalUnitName(role);
        var issued = new CertificateRequest(subject.Build(), request.PublicKey, HashAlgorithmName.SHA256);
        issued.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        issued.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        issued.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuth], false));
        issued.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(key.Certificate, true, false));
        var now = time.GetUtcNow();
        return issued.Create(key.Certificate.SubjectName, key.Signer, now.AddMinutes(-5), now.AddDays(options.Value.CertificateDays), RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>The enrolled technician behind <paramref name="certificate"/>, or null when it is not one of ours.</summary>
    public TechnicianRecord? Verify(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return null;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(key.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        if (!chain.Build(certificate) || chain.ChainElements.Count != 2
            || !chain.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(key.Certificate.RawDataMemory.Span))
        {
            return null;
        }

        return store.Find(certificate.SerialNumber);
    }
}
