using System.Globalization;
using KioskAgent.Commands;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.MemberSync;

/// <summary>sync_now: ask central for a full member snapshot now, whatever the resync rate limit.</summary>
public sealed class SyncNowCommand(MemberSyncWorker worker, MemberCache cache) : IKioskCommandHandler
{
    public string Name => "sync_now";

    public async Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken)
    {
        var sent = await worker.ResyncNowAsync(cancellationToken).ConfigureAwait(false);
        var result = new KioskCommandResult
        {
            Id = command.Id,
            Name = Name,
            Ok = sent,
            Error = sent ? "" : "offline",
            Message = sent
                ? "Asked central for a full member snapshot; the cache keeps serving its data until the snapshot is complete."
                : "Not connected to central: the snapshot request could not be sent.",
        };
        result.Data["have_version"] = cache.State.Version.ToString(CultureInfo.InvariantCulture);
        return result;
    }
}
