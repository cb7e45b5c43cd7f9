using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;

namespace KioskAgent.Commands;

/// <summary>
/// "restart_agent": answers, then stops the agent with exit code <see cref="AgentProgram.RestartExitCode"/>
/// so that systemd (Restart=on-failure) starts it again. Without a supervisor the agent just stops.
/// </summary>
public sealed partial class RestartAgentCommand(IHostApplicationLifetime lifetime, ILogger<RestartAgentCommand> logger) : IKioskCommandHandler, IKioskCommandFollowUp
{
    public string Name => "restart_agent";

    public Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResults.Ok(command, "restarting: the agent stops now and its service manager starts it again"));

    public Task AfterReplyAsync(KioskCommand command, KioskCommandResult result, CancellationToken cancellationToken)
    {
        LogRestarting(command.Id);
        Environment.ExitCode = AgentProgram.RestartExitCode;
        lifetime.StopApplication();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restart requested by central (command {Id}); stopping with exit code 75")]
    private partial void LogRestarting(string id);
}
