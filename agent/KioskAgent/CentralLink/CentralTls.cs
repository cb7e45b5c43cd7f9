using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace KioskAgent.CentralLink;

/// <summary>
/// TLS to the broker: the server certificate must chain to <see cref="CentralLinkOptions.CaFile"/>
/// (or the system store when no CA file is set) and carry the broker's name; a client certificate
/// is presented when configured. Files are read at every connect, so renewed certificates are picked
/// up on the next reconnect without a restart.
/// </summary>
public static class CentralTls
{
    public static MqttClientTlsOptions Build(CentralLinkOptions options)
    {
        var roots = string.IsNullOrEmpty(options.CaFile) ? null : LoadCertificates(options.CaFile);
        var builder = new MqttClientTlsOptionsBuilder()
            .UseTls()
            .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
            .WithCertificateValidationHandler(e => IsTrusted(e.Certificate, e.Chain, e.SslPolicyErrors, roots));
        if (!string.IsNullOrEmpty(options.TlsServerName))
        {
            builder.WithTargetHost(options.TlsServerName);
        }

        if (!string.IsNullOrEmpty(options.ClientCertificateFile))
        {
            builder.WithClientCertificates([X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile)]);
        }

        return builder.Build();
    }

    /// <summary>
    /// With a CA file, the chain is rebuilt against those roots only (a certificate the system store
    /// would accept but our CA did not sign is refused); a name mismatch is never accepted.
    /// </summary>
    public static bool IsTrusted(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection? roots)
    {
        if (certificate is null)
        {
            return false;
        }

        if (roots is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // A private fleet CA usually publishes no CRL; revocation is handled by re-issuing the CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    public static X509Certificate2Collection LoadCertificates(string pemFile)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(pemFile);
        if (collection.Count == 0)
        {
            throw new InvalidDataException($"{pemFile} holds no PEM certificate.");
        }

        return collection;
    }
}
