using KioskAgent.CentralLink;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.MemberSync;
using KioskAgent.MemberSync.Live;
using KioskAgent.Screen;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The real <see cref="LiveMemberView"/> on a central link that never connects: a tap's member screen
/// shows the cached figures only (freshness cached), as on a kiosk that is offline.
/// </summary>
public sealed class OfflineLiveView : IDisposable
{
    private readonly MqttConnection _connection;
    private readonly MemberSyncCounters _counters = new();

    public OfflineLiveView(MemberCache cache, ScreenBroadcaster screen, TransactionJournal journal, TimeProvider time)
    {
        var kiosk = Options.Create(new KioskOptions { KioskId = "k1", SiteId = "s1" });
        _connection = new MqttConnection(Options.Create(new CentralLinkOptions()), kiosk, journal, time, new ServiceCollection().BuildServiceProvider(), NullLogger<MqttConnection>.Instance);
        View = new LiveMemberView(new LiveMemberQuery(_connection, _counters, time), cache, new MemberLookup(cache), screen, Options.Create(new LiveQueryOptions()), time, NullLogger<LiveMemberView>.Instance);
    }

    public LiveMemberView View { get; }

    public void Dispose()
    {
        _connection.Dispose();
        _counters.Dispose();
    }
}
