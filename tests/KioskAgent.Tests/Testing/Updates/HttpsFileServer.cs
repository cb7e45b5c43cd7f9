using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace KioskAgent.Tests.Testing.Updates;

/// <summary>Serves the files of one directory over HTTPS on loopback, with a self-signed certificate whose PEM a kiosk can be told to trust.</summary>
public sealed class HttpsFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpsFileServer(WebApplication app, int port, string certificatePemFile)
    {
        _app = app;
        Port = port;
        CertificatePemFile = certificatePemFile;
    }

    public int Port { get; }

    public string CertificatePemFile { get; }

    public string Url(string name) => $"https://127.0.0.1:{Port}/{name}";

    public static async Task<HttpsFileServer> StartAsync(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        var pem = Path.Combine(directory, "server-ca.pem");
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());

        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/{name}", (string name) =>
        {
            var path = Path.Combine(directory, Path.GetFileName(name));
            return File.Exists(path) ? Results.File(path, "application/x-tar") : Results.NotFound();
        });
        await app.StartAsync();
        return new HttpsFileServer(app, port, pem);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
