using KioskAgent.Contracts.V1;

namespace KioskAgent.Commands;

/// <summary>
/// For a command whose effect must come after its answer (restart_agent: the answer has to reach
/// central before the agent stops). The dispatcher calls it once the answer was published, or
/// could not be; never for a replayed id.
/// </summary>
public interface IKioskCommandFollowUp
{
    Task AfterReplyAsync(KioskCommand command, KioskCommandResult result, CancellationToken cancellationToken);
}
