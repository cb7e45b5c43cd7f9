using Microsoft.Extensions.Options;

namespace KioskAgent.CentralLink;

public static class CentralLinkServiceCollectionExtensions
{
    public static IServiceCollection AddCentralLink(this IServiceCollection services)
    {
        services.AddOptions<CentralLinkOptions>()
            .BindConfiguration(CentralLinkOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "Central:Host is required.")
            .Validate(o => o.Port is > 0 and < 65536, "Central:Port must be 1-65535.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.TopicRoot) && !o.TopicRoot.Contains('+') && !o.TopicRoot.Contains('#'), "Central:TopicRoot must not be empty or contain MQTT wildcards.")
            .Validate(o => o.ReconnectMinSeconds > 0 && o.ReconnectMaxSeconds >= o.ReconnectMinSeconds, "Central:ReconnectMinSeconds must be > 0 and <= ReconnectMaxSeconds.")
            .Validate(o => o.KeepAliveSeconds is >= 2 and <= 65535, "Central:KeepAliveSeconds must be 2-65535.")
            .Validate(o => o.TelemetrySeconds is >= 1 and <= 3600, "Central:TelemetrySeconds must be 1-3600.")
            .Validate(o => string.IsNullOrEmpty(o.Password) || !string.IsNullOrEmpty(o.Username), "Central:Password needs Central:Username.")
            .Validate(o => o.UseTls || (string.IsNullOrEmpty(o.CaFile) && string.IsNullOrEmpty(o.ClientCertificateFile) && string.IsNullOrEmpty(o.ClientKeyFile)), "Central:CaFile, ClientCertificateFile and ClientKeyFile need Central:UseTls=true.")
            .Validate(o => string.IsNullOrEmpty(o.ClientCertificateFile) == string.IsNullOrEmpty(o.ClientKeyFile), "Central:ClientCertificateFile and Central:ClientKeyFile go together.")
            .Validate(o => FileIsReadableOrUnset(o.CaFile), "Central:CaFile does not exist.")
            .Validate(o => FileIsReadableOrUnset(o.ClientCertificateFile), "Central:ClientCertificateFile does not exist.")
            .Validate(o => FileIsReadableOrUnset(o.ClientKeyFile), "Central:ClientKeyFile does not exist.")
            .Validate(o => o.WillDelaySeconds <= 3600, "Central:WillDelaySeconds must be 0-3600.")
            .Validate(o => o.OutboxMaxInFlight is >= 1 and <= 10_000, "Central:OutboxMaxInFlight must be 1-10000.")
            .Validate(o => o.OutboxPublishPipeline is >= 1 and <= 64, "Central:OutboxPublishPipeline must be 1-64.")
            .Validate(o => o.OutboxBatchMax is >= 1 and <= 500, "Central:OutboxBatchMax must be 1-500.")
            .Validate(o => o.OutboxBatchMaxBytes is >= 4096 and <= 256 * 1024, "Central:OutboxBatchMaxBytes must be 4096-262144.")
            .Validate(o => o.OutboxAckTimeoutSeconds > 0 && o.OutboxAckTimeoutMaxSeconds >= o.OutboxAckTimeoutSeconds, "Central:OutboxAckTimeoutSeconds must be > 0 and <= OutboxAckTimeoutMaxSeconds.")
            .Validate(o => o.OutboxAlarmSeconds >= 1, "Central:OutboxAlarmSeconds must be at least 1.")
            .Validate(o => o.ReceiveMaximum is >= 1 and <= 1024, "Central:ReceiveMaximum must be 1-1024.")
            .Validate(o => o.InboundQueueMessages is >= 1 and <= 100_000, "Central:InboundQueueMessages must be 1-100000.")
            .Validate(o => o.InboundQueueBytes is >= 64 * 1024 and <= 1024 * 1024 * 1024, "Central:InboundQueueBytes must be 64 KiB-1 GiB.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CentralLinkOptions>, CentralSigningKeysValidator>();

        services.AddSingleton<DeadLetterLog>();
        services.AddSingleton<HealthReportTrigger>();
        services.AddSingleton<SettlementCounters>();
        services.AddSingleton<IHealthReportContributor>(sp => sp.GetRequiredService<SettlementCounters>());
        services.AddSingleton<CentralSignatures>();
        services.AddSingleton<CentralSignatureHealth>();
        services.AddSingleton<IHealthReportContributor>(sp => sp.GetRequiredService<CentralSignatureHealth>());
        services.AddHealthChecks().AddCheck<CentralSignatureHealth>("central_signatures");
        services.AddHostedService<EmbeddedBroker>();
        services.AddSingleton<MqttConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttConnection>());
        services.AddSingleton<ICentralReachability, MqttCentralReachability>();
        services.AddSingleton<IMqttInboundHandler, TransactionAckHandler>();
        services.AddHostedService<OutboxPublisher>();
        services.AddHostedService<HealthTelemetryPublisher>();
        return services;
    }

    private static bool FileIsReadableOrUnset(string? path) => string.IsNullOrEmpty(path) || File.Exists(path);
}
