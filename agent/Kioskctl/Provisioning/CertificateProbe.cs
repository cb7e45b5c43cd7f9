using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kioskctl.Provisioning;

/// <summary>
/// Tells a refused client certificate from a kiosk that is down or not the pinned one. Under TLS 1.3
/// the kiosk checks the client's certificate after the client considers the handshake done, so a
/// refused certificate only shows as a connection dropped before HTTP/2 began ("Unavailable"). The
/// probe repeats the handshake with the pinned key and the certificate and sends the HTTP/2 preface:
/// a kiosk that answered the TLS handshake and then drops the connection refused the certificate.
/// </summary>
public static class CertificateProbe
{
    private static readonly byte[] Http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
    private static readonly byte[] EmptySettings = [0, 0, 0, 4, 0, 0, 0, 0, 0];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<bool> IsRefusedAsync(string address, string fingerprint, X509Certificate2 certificate)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var hostAndPort = PinnedChannel.WithPort(address);
        var colon = hostAndPort.LastIndexOf(':');
        var pinnedMatched = false;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(hostAndPort[..colon].Trim('[', ']'), int.Parse(hostAndPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), timeout.Token);
            await using var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "kiosk-agent.provisioning",
                    ApplicationProtocols = [SslApplicationProtocol.Http2],
                    ClientCertificates = [certificate],
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                    RemoteCertificateValidationCallback = (_, server, _, _) => pinnedMatched = server is X509Certificate2 s
                        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(PinnedChannel.FingerprintOf(s)), Convert.FromHexString(PinnedChannel.Normalize(fingerprint))),
                },
                timeout.Token);
            await tls.WriteAsync(Http2Preface, timeout.Token);
            await tls.WriteAsync(EmptySettings, timeout.Token);
            await tls.FlushAsync(timeout.Token);

            // An accepted client gets the kiosk's SETTINGS frame; a refused one a closed connection.
            var buffer = new byte[9];
            return await tls.ReadAsync(buffer, timeout.Token) == 0;
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or ObjectDisposedException)
        {
            // Dropped (or alerted) after the kiosk proved the pinned key: it refused the certificate.
            return pinnedMatched;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or FormatException)
        {
            return false;
        }
    }
}
