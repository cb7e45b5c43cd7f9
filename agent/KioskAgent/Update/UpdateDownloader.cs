using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace KioskAgent.Update;

/// <summary>
/// Fetches a bundle over HTTPS only (the signature protects the content; TLS keeps what a kiosk
/// downloads private), trusting the system's CAs plus <c>Update:TrustedCaFile</c>, into
/// <c>incoming/</c>, refusing more than <c>Update:MaxBundleBytes</c>.
/// </summary>
public sealed class UpdateDownloader(UpdatePaths paths, IOptions<UpdateOptions> options)
{
    public async Task<string> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new UpdateRefusedException(UpdateRefusal.DownloadFailed, "args.url must be an https:// address");
        }

        var path = UpdateIncoming.NewFile(paths.Slots);
        try
        {
            using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = Validate } };
            using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new UpdateRefusedException(UpdateRefusal.DownloadFailed, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await UpdateIncoming.CopyBoundedAsync(body, path, options.Value.MaxBundleBytes, cancellationToken).ConfigureAwait(false);
            return path;
        }
        catch (HttpRequestException ex)
        {
            File.Delete(path);
            throw new UpdateRefusedException(UpdateRefusal.DownloadFailed, $"download failed: {ex.Message}");
        }
        catch (UpdateRefusedException)
        {
            File.Delete(path);
            throw;
        }
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || options.Value.TrustedCaFile is not { Length: > 0 } caFile || !File.Exists(caFile))
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var trusted = custom.Build(leaf);
        foreach (var root in roots)
        {
            root.Dispose();
        }

        return trusted;
    }
}
