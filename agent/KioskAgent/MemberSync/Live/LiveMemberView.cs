using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Screen;
using Microsoft.Extensions.Options;

namespace KioskAgent.MemberSync.Live;

/// <summary>
/// Shows a member screen from the cache at once, then asks central for the live balance and points:
/// an answer within <see cref="LiveQueryOptions.LiveQueryMilliseconds"/> updates the same screen
/// (freshness live); none (offline, slow, unknown) leaves the cached figures marked "as of" the
/// cache's last sync. The tap never waits for central.
/// <para>
/// Points: when the view shows fewer points than the cache holds (this kiosk's redemptions that
/// central has not yet confirmed into the member data), the kiosk's own figure stays: central's
/// live points may or may not include those redemptions yet, and the redemption rules go by the
/// kiosk's figure. Balance and level still come live.
/// </para>
/// </summary>
public sealed partial class LiveMemberView(
    LiveMemberQuery query,
    MemberCache cache,
    MemberLookup members,
    ScreenBroadcaster screen,
    IOptions<LiveQueryOptions> options,
    TimeProvider time,
    ILogger<LiveMemberView> logger)
{
    public void Show(Member member, MemberView view)
    {
        var keepPoints = view.Points != member.Points;
        var timeout = TimeSpan.FromMilliseconds(options.Value.LiveQueryMilliseconds);
        var ask = timeout > TimeSpan.Zero && query.IsOnline;
        view.Freshness = ask ? DataFreshness.Checking : DataFreshness.Cached;
        if (cache.State.SyncedAt is { } syncedAt)
        {
            view.AsOf = Timestamp.FromDateTimeOffset(syncedAt);
        }

        screen.ShowMember(view);
        if (ask)
        {
            _ = RefreshAsync(member.MemberNumber, view.TransactionId, keepPoints, timeout);
        }
    }

    private async Task RefreshAsync(string memberNumber, string transactionId, bool keepPoints, TimeSpan timeout)
    {
        MemberAnswer? answer = null;
        try
        {
            answer = await query.AskAsync(memberNumber, timeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogQueryFailed(ex.Message);
        }

        screen.UpdateMember(transactionId, view => Apply(view, answer, keepPoints));
    }

    private void Apply(MemberView view, MemberAnswer? answer, bool keepPoints)
    {
        if (answer is null)
        {
            view.Freshness = DataFreshness.Cached;
            return;
        }

        view.Freshness = DataFreshness.Live;
        view.Balance = new Money { AmountMinor = answer.BalanceMinor, Currency = view.Balance?.Currency ?? "CNY" };
        if (!keepPoints)
        {
            view.Points = answer.Points;
        }

        if (answer.Level.Length > 0)
        {
            view.Level = members.LevelName(answer.Level);
        }

        view.AsOf = answer.AsOf ?? Timestamp.FromDateTimeOffset(time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live member query failed: {Error}")]
    private partial void LogQueryFailed(string error);
}
