using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Kioskctl.Provisioning;

/// <summary>Reads the key a TLS server presents, sending nothing else, so that a person can compare its fingerprint.</summary>
public static class ServerKey
{
    public static async Task<string> FingerprintAsync(string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hostAndPort[..colon].Trim('[', ']'), int.Parse(hostAndPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        X509Certificate2? seen = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            seen = certificate is null ? null : new X509Certificate2(certificate);
            return false;
        });
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "kiosk-agent.provisioning" });
        }
        catch (System.Security.Authentication.AuthenticationException)
        {
            // Refused on purpose: only the certificate was wanted.
        }

        return seen is null ? throw new FormatException($"{hostAndPort} presented no certificate") : PinnedChannel.FingerprintOf(seen);
    }
}
