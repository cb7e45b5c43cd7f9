using KioskAgent.CentralLink;
using KioskAgent.Commands.Logs;

namespace KioskAgent.Commands;

public static class CommandsServiceCollectionExtensions
{
    /// <summary>The command channel from central and the commands this folder owns (ping, restart_agent, fetch_logs, self_test, reset_versions).</summary>
    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        services.AddOptions<CommandOptions>()
            .BindConfiguration(CommandOptions.Section)
            .Validate(o => o.MaxPayloadBytes is >= 1024 and <= 1024 * 1024, "Commands:MaxPayloadBytes must be 1024-1048576.")
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 600, "Commands:TimeoutSeconds must be 1-600.")
            .Validate(o => o.RememberedIds is >= 10 and <= 10_000, "Commands:RememberedIds must be 10-10000.")
            .Validate(o => o.RememberSeconds is >= 60 and <= 2_592_000, "Commands:RememberSeconds must be 60-2592000 (30 days).")
            .Validate(o => o.QueueCapacity is >= 1 and <= 1000, "Commands:QueueCapacity must be 1-1000.")
            .ValidateOnStart();

        services.AddSingleton<RecentLogs>();
        services.AddSingleton<ILoggerProvider, RecentLogsLoggerProvider>();

        services.AddSingleton<CommandQueue>();
        services.AddSingleton<CommandStamp>();
        services.AddSingleton<CommandIdStore>();
        services.AddSingleton<CommandReplies>();
        services.AddSingleton<CommandCounters>();
        services.AddSingleton<IHealthReportContributor>(sp => sp.GetRequiredService<CommandCounters>());
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<IMqttInboundHandler>(sp => sp.GetRequiredService<CommandDispatcher>());
        services.AddHostedService<CommandRunner>();

        services.AddSingleton<IKioskCommandHandler, PingCommand>();
        services.AddSingleton<IKioskCommandHandler, RestartAgentCommand>();
        services.AddSingleton<IKioskCommandHandler, FetchLogsCommand>();
        services.AddSingleton<IKioskCommandHandler, SelfTestCommand>();
        services.AddSingleton<IKioskCommandHandler, ResetVersionsCommand>();
        return services;
    }
}
