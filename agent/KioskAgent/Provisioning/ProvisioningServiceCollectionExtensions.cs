using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using KioskAgent.Api;
using KioskAgent.Commands;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

public static class ProvisioningServiceCollectionExtensions
{
    /// <summary>Enrollment, the provisioned configuration layer's service, and the provisioning listener (TLS on the LAN).</summary>
    public static WebApplicationBuilder AddProvisioning(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProvisioningOptions>().BindConfiguration(ProvisioningOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvisioningOptions>, ProvisioningOptionsValidator>();
        services.AddSingleton<KioskKey>();
        services.AddSingleton<EnrollmentStore>();
        services.AddSingleton<EnrollmentCodes>();
        services.AddSingleton<TechnicianCertificates>();
        services.AddSingleton<ProvisionedConfigService>();
        services.AddSingleton<ProvisioningAuditTrail>();
        services.AddSingleton<SelfTestCommand>();
        services.AddSingleton<SelfTests>();
        services.AddSingleton<SupportBundle>();
        services.AddSingleton<FactoryReset>();
        services.AddSingleton<IEnrollmentScreen, EnrollmentScreen>();
        services.AddHostedService<EnrollmentScreenPresenter>();

        var options = builder.Configuration.GetSection(ProvisioningOptions.Section).Get<ProvisioningOptions>() ?? new ProvisioningOptions();
        if (options.Enabled && IPAddress.TryParse(options.Address, out var address) && options.Port is > 0 and < 65536)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = context => ValueTask.FromResult(TlsFor(kestrel.ApplicationServices)) });
            }));
        }

        return builder;
    }

    public static WebApplication MapProvisioning(this WebApplication app)
    {
        app.UseMiddleware<ProvisioningGuard>();
        app.MapGrpcService<ProvisioningGrpcService>();
        return app;
    }

    /// <summary>
    /// The kiosk's own certificate; a client certificate is always asked for, and a connection
    /// without one is let in only while enrollment is open (then only Enroll is served, see
    /// <see cref="ProvisioningGuard"/>). A certificate this kiosk did not issue fails the handshake.
    /// </summary>
    private static SslServerAuthenticationOptions TlsFor(IServiceProvider services)
    {
        var key = services.GetRequiredService<KioskKey>();
        var certificates = services.GetRequiredService<TechnicianCertificates>();
        var codes = services.GetRequiredService<EnrollmentCodes>();
        return new SslServerAuthenticationOptions
        {
            ServerCertificate = key.Certificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is null
                ? codes.IsOpen
                : certificates.Verify(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData())) is not null,
        };
    }
}
