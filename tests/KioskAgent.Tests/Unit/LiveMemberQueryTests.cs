using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.MemberSync;
using KioskAgent.MemberSync.Live;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class LiveMemberQueryTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("live-query");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly MemberSyncCounters _counters = new();
    private readonly TransactionJournal _journal;
    private readonly MqttConnection _offline;
    private readonly LiveMemberQuery _query;

    public LiveMemberQueryTests()
    {
        var kiosk = new KioskOptions { KioskId = "k1", SiteId = "s1" };
        _journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), kiosk, _time);
        _offline = new MqttConnection(Options.Create(new CentralLinkOptions()), Options.Create(kiosk), _journal, _time, new ServiceCollection().BuildServiceProvider(), NullLogger<MqttConnection>.Instance);
        _query = new LiveMemberQuery(_offline, _counters, _time);
    }

    public void Dispose()
    {
        _offline.Dispose();
        _journal.Dispose();
        _counters.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AskAsync_Offline_AnswersNullAtOnce_WithoutSending()
    {
        Assert.Null(await _query.AskAsync("M1", TimeSpan.FromHours(1), CancellationToken.None));
        Assert.Equal(0, _counters.Get("query.sent"));
    }

    [Fact]
    public void Deliver_AnswerNobodyWaitsFor_IsIgnoredAndCounted()
    {
        Assert.False(_query.Deliver([1, 2, 3], new MemberAnswer { MemberNumber = "M1", Found = true }, out var wrongMember));
        Assert.False(_query.Deliver(null, new MemberAnswer { MemberNumber = "M1", Found = true }, out _));

        Assert.False(wrongMember);
        Assert.Equal(2, _counters.Get("answer.unmatched"));
    }
}
