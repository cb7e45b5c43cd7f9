using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Kioskctl.Provisioning;

/// <summary>
/// A gRPC channel to a kiosk's provisioning listener that trusts exactly one server key: the one
/// whose SubjectPublicKeyInfo hashes (SHA-256) to the pinned fingerprint. Any other key ends the
/// TLS handshake, before a single byte of a request (an enrollment code) is sent.
/// </summary>
public static class PinnedChannel
{
    public const int DefaultPort = 5443;

    public static GrpcChannel Open(string hostAndPort, string fingerprint, X509Certificate2? clientCertificate = null)
    {
        var pinned = Normalize(fingerprint);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = "kiosk-agent.provisioning",
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 server && CryptographicOperations.FixedTimeEquals(
                        Convert.FromHexString(FingerprintOf(server)), Convert.FromHexString(pinned)),
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
            },
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return GrpcChannel.ForAddress($"https://{WithPort(hostAndPort)}", new GrpcChannelOptions { HttpHandler = handler });
    }

    /// <summary>SHA-256 of the certificate's SubjectPublicKeyInfo, lower-case hex (as the kiosk shows it).</summary>
    public static string FingerprintOf(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>Accepts the fingerprint as shown (groups, colons, spaces, any case); throws <see cref="FormatException"/> when it is not 64 hex digits.</summary>
    public static string Normalize(string fingerprint)
    {
        var hex = new string([.. fingerprint.Where(c => !char.IsWhiteSpace(c) && c is not ':' and not '-')]).ToLowerInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex : throw new FormatException("the fingerprint must be the 64 hex digits shown on the kiosk's screen or slip");
    }

    public static string WithPort(string hostAndPort) =>
        hostAndPort.Contains(':', StringComparison.Ordinal) && !hostAndPort.EndsWith(']') ? hostAndPort : $"{hostAndPort}:{DefaultPort}";
}
