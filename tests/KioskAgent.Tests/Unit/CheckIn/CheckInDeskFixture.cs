using Google.Protobuf.WellKnownTypes;
using KioskAgent.Activities;
using KioskAgent.Camera;
using KioskAgent.CentralLink;
using KioskAgent.CheckIn;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Identity;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Staff;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.CheckIn;

/// <summary>A check-in desk over real SQLite files (journal, member cache, activities) and the real tap pipeline.</summary>
public sealed class CheckInDeskFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    public static readonly StaffIdentity Staff = new("s-7", "李工", StaffRole.Staff);

    public CheckInDeskFixture(CheckInOptions? options = null)
    {
        Directory = TestPaths.NewTempDirectory("checkin");
        Members = new MemberCache(Directory, MemberRecords.Secret);
        var kiosk = new KioskOptions { KioskId = "k1", SiteId = "s1", TimeZone = "Asia/Shanghai", DataDirectory = Directory };
        Journal = new TransactionJournal(Path.Combine(Directory, TransactionJournal.FileName), kiosk, Time);
        Screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions()), Time);
        Activities = new ActivityStore(Path.Combine(Directory, ActivityStore.FileName), Time);
        Ledger = new CheckInLedgerStore(Path.Combine(Directory, TransactionJournal.FileName));
        var camera = new CameraDevice(Options.Create(new CameraOptions()), new DeviceKinds([]), new ConfigurationBuilder().Build(), Time);
        var snapshots = new CheckInSnapshots(camera, new CameraCounters(), Options.Create(kiosk), Time, NullLogger<CheckInSnapshots>.Instance);
        Desk = new CheckInDesk(
            new CheckInRules(Time), Activities, Ledger, Journal, new MemberLookup(Members), Members, Screen, Router, Reachability,
            new SiteCalendar(Options.Create(kiosk), Time), snapshots, Options.Create(options ?? new CheckInOptions { ExitReaders = ["exit-1"] }),
            Options.Create(kiosk), Time, NullLogger<CheckInDesk>.Instance, Standings);
        var resolver = new CardIdentityResolver(Options.Create(new CardIdentityOptions { Mode = CardIdentityMode.UidOnly }), new KioskAgent.Hardware.Card.Ntag424.InMemorySunCounterStore());
        var live = new OfflineLiveView(Members, Screen, Journal, Time);
        Live = live;
        var handler = new MemberTapHandler(new MemberLookup(Members), Journal, Screen, live.View, new TapCounters(), new SiteCalendar(Options.Create(kiosk), Time), [], NullLogger<MemberTapHandler>.Instance);
        Pipeline = new TapPipeline(resolver, handler, Router, new TapCounters(), new TapDebouncer(TimeSpan.FromMilliseconds(300)), new KioskAgent.Devices.Health.DeviceHealthRegistry(Time), NullLogger<TapPipeline>.Instance);
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; } = new(T0);

    public MemberCache Members { get; }

    public TransactionJournal Journal { get; }

    public ScreenBroadcaster Screen { get; }

    public ActivityStore Activities { get; }

    public CheckInLedgerStore Ledger { get; }

    public StaffTapRouter Router { get; } = new();

    public FixedReachability Reachability { get; } = new();

    /// <summary>Where each member stands in a 选房 draw (member number → standing; absent: not held).</summary>
    public FixedDrawStandings Standings { get; } = new();

    public CheckInDesk Desk { get; }

    public TapPipeline Pipeline { get; }

    private OfflineLiveView Live { get; }

    public static ActivityRecord Record(string id, AttendanceKind attendance = AttendanceKind.EntryOnly, uint capacity = 0) => new()
    {
        Id = id,
        Name = "年会签到",
        OpensAt = Timestamp.FromDateTimeOffset(T0.AddHours(-1)),
        ClosesAt = Timestamp.FromDateTimeOffset(T0.AddHours(3)),
        Attendance = attendance,
        Capacity = capacity,
        Points = 50,
    };

    public void Catalog(ulong version, params ActivityRecord[] records)
    {
        var catalog = new ActivityCatalog { Version = version };
        catalog.Activities.AddRange(records);
        Assert.True(Activities.Apply(catalog).Applied);
    }

    public Task TapAsync(string uid, string reader = "r1", double ms = 0) =>
        Pipeline.HandleAsync(new CardReaderOptions { Id = reader, Kind = "Simulated", Role = "Member" }, new CardPresented(reader, CardUid.Parse(uid), CardTechnology.MifareClassic1K, Time.GetUtcNow().AddMilliseconds(ms)), CancellationToken.None);

    public async Task<List<ActivityCheckIn>> JournaledAsync()
    {
        var pending = await Journal.PendingAsync(10_000);
        return [.. pending.Where(p => p.Kind == CheckInDesk.TransactionKind)
            .Select(p => Google.Protobuf.JsonParser.Default.Parse<Transaction>(p.Payload).CheckIn)];
    }

    public void Dispose()
    {
        Desk.Close();
        Live.Dispose();
        Ledger.Dispose();
        Activities.Dispose();
        Journal.Dispose();
        Members.Dispose();
        Screen.Dispose();
    }

    public sealed class FixedDrawStandings : IDrawStandings
    {
        public Dictionary<string, DrawStanding> ByMember { get; } = new(StringComparer.Ordinal);

        public List<(string DrawId, int AdmitFirst)> Asked { get; } = [];

        public Task<DrawStanding> OfAsync(string drawId, Member member, int admitFirst, CancellationToken cancellationToken)
        {
            Asked.Add((drawId, admitFirst));
            return Task.FromResult(ByMember.GetValueOrDefault(member.MemberNumber, DrawStanding.NotHeld));
        }
    }

    public sealed class FixedReachability : ICentralReachability
    {
        public bool IsOnline { get; set; } = true;

        public event Action? Changed { add { } remove { } }
    }
}
