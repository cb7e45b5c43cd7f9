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
            .Validate(o => o.TelemetrySeconds is >= 1 and <= 3600, "Central:TelemetrySeconds must be 1-3600.")
            .ValidateOnStart();

        services.AddSingleton<DeadLetterLog>();
        services.AddHostedService<EmbeddedBroker>();
        services.AddSingleton<MqttConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttConnection>());
        services.AddHostedService<OutboxPublisher>();
        services.AddHostedService<HealthTelemetryPublisher>();
        return services;
    }
}
