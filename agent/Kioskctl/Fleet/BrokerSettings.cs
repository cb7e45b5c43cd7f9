using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace Kioskctl.Fleet;

/// <summary>Where the fleet's MQTT broker is and how to log in: the fleet commands' --broker options.</summary>
public sealed record BrokerSettings(string Host, int Port, string? Username, string? Password, bool Tls, string? CaFile, string TopicRoot)
{
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;

    /// <summary>PEM client certificate and key, for a broker with require_certificate (docs/mqtt-security.md).</summary>
    public string? CertificateFile { get; init; }

    public string? KeyFile { get; init; }

    /// <summary>"host:port", "host" or "[v6addr]:port"; the port defaults to 1883 (8883 with TLS).</summary>
    public static bool TryParseAddress(string text, bool tls, out string host, out int port)
    {
        host = text;
        port = tls ? DefaultTlsPort : DefaultPort;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : "";
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':');
            (host, portText) = (text[..colon], text[(colon + 1)..]);
        }
        else
        {
            // No port, or a bare IPv6 address.
            portText = "";
        }

        if (portText.Length > 0 && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            return false;
        }

        return host.Length > 0;
    }

    /// <summary>MQTT 5 client options with address, credentials and TLS filled in.</summary>
    public MqttClientOptionsBuilder ClientOptions(string clientId) =>
        Apply(new MqttClientOptionsBuilder()
            .WithTcpServer(Host, Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithTimeout(TimeSpan.FromSeconds(10)));

    /// <summary>Adds credentials and TLS to options someone else builds (e.g. the reference central's).</summary>
    public MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder)
    {
        if (!string.IsNullOrEmpty(Username))
        {
            builder.WithCredentials(Username, Password);
        }

        if (Tls)
        {
            var trusted = CaFile is null ? null : LoadCa(CaFile);
            builder.WithTlsOptions(o =>
            {
                o.UseTls()
                    .WithTargetHost(Host)
                    .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                    .WithCertificateValidationHandler(e => Validate(e.Certificate, e.Chain, e.SslPolicyErrors, trusted));
                if (CertificateFile is not null)
                {
                    o.WithClientCertificates([X509Certificate2.CreateFromPemFile(CertificateFile, KeyFile)]);
                }
            });
        }

        return builder;
    }

    private static X509Certificate2Collection LoadCa(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }

    /// <summary>
    /// Without a CA file, the system trust store; with one, only that CA (a certificate the system
    /// would accept but the fleet CA did not sign is refused). The host name must match either way.
    /// </summary>
    private static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection? trusted)
    {
        if (certificate is null)
        {
            return false;
        }

        if (trusted is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        // A private fleet CA usually publishes no CRL.
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
}
