using KioskAgent.Contracts.V1;

namespace Kioskctl.Fleet.Commands;

/// <summary>How sending one command ended: an answer (with its raw JSON), no answer in time, or no broker.</summary>
public sealed record CommandOutcome(KioskCommandResult? Result, string RawJson, TimeSpan Elapsed, bool Unreachable, KioskState? LastKnownState)
{
    public bool Answered => Result is not null;
}
