using System.Globalization;
using KioskAgent.Commands;

namespace KioskAgent.MemberSync;

/// <summary>
/// reset_versions "members": the cache goes back to version 0, keeps serving its data, and asks
/// central for a snapshot (reason <c>reset</c>), which it takes whatever its version.
/// </summary>
public sealed class MemberVersionReset(MemberSyncWorker worker) : IVersionReset
{
    public string Part => "members";

    public async Task<IReadOnlyDictionary<string, string>> ResetAsync(CancellationToken cancellationToken)
    {
        var (before, requested) = await worker.ResetVersionAsync(cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, string>
        {
            ["members_version_before"] = before.ToString(CultureInfo.InvariantCulture),
            // Offline: the request goes out as soon as the link is up.
            ["snapshot_requested"] = requested ? "true" : "false",
        };
    }
}
