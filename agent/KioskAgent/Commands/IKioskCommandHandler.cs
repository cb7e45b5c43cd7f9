using KioskAgent.Contracts.V1;

namespace KioskAgent.Commands;

/// <summary>
/// One command central may send on {base}/cmd (docs/mqtt-contract.md), e.g. "ping" or "sync_now".
/// Each feature registers the commands it owns in DI; the command dispatcher finds the handler by
/// <see cref="Name"/>, runs it and sends the result to the command's response topic. A handler
/// returns a failed result (ok = false, error, message) for bad arguments instead of throwing.
/// </summary>
public interface IKioskCommandHandler
{
    /// <summary>The command name on the wire, lower snake case.</summary>
    string Name { get; }

    Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken);
}
