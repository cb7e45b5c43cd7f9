using KioskAgent.Draws;
using KioskAgent.Draws.Pools;
using KioskAgent.Draws.Running;
using KioskAgent.Draws.Sessions;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Screen;
using KioskAgent.Staff;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Draws;

/// <summary>A <see cref="DrawRuntime"/> over real SQLite files (steps, catalog, journal) in one directory, with recording outputs.</summary>
internal sealed class DrawRuntimeHarness : IStaffSessions, IDrawPoolSource, IDrawPublisher, IDrawPrinter, IDrawJoinIdentity, IDisposable
{
    public static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly SqliteDrawStepStore _steps;
    private readonly SqliteDrawCatalog _catalog;

    public DrawRuntimeHarness(string directory)
    {
        _steps = new SqliteDrawStepStore(Path.Combine(directory, SqliteDrawStepStore.FileName), new DrawSeedSeal(Secret));
        _catalog = new SqliteDrawCatalog(Path.Combine(directory, SqliteDrawCatalog.FileName));
        Journal = new TransactionJournal(Path.Combine(directory, TransactionJournal.FileName), new KioskOptions { KioskId = "k1", SiteId = "s1" }, Time);
        Screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions()), Time);
        Runtime = new DrawRuntime(new DrawSessions(_steps, Time), _catalog, this, Journal, this, Router, Screen, this, this, this, new DrawEntrantCodes(Secret), Persons, Time, NullLogger<DrawRuntime>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    public TransactionJournal Journal { get; }

    public ScreenBroadcaster Screen { get; }

    public StaffTapRouter Router { get; } = new();

    public DrawRuntime Runtime { get; }

    public StaffIdentity? Current { get; set; } = new("s-1", "Staff One", StaffRole.Staff);

    public CancellationToken SessionEnded => CancellationToken.None;

    public void KeepAlive()
    {
    }

    public List<DrawEntrant> CheckedIn { get; } = [.. Enumerable.Range(1, 20).Select(i => new DrawEntrant($"C{i:D3}", $"会员{i}*"))];

    /// <summary>Entrant id → member number of the checked-in (default: the id stands for its own member "M" + id).</summary>
    public Dictionary<string, string> MemberOf { get; } = new(StringComparer.Ordinal);

    /// <summary>Entrant ids of checked-in members who hold a staff card.</summary>
    public HashSet<string> StaffIds { get; } = new(StringComparer.Ordinal);

    public DrawPersonKeys Persons { get; } = new(Secret);

    public List<string> Published { get; } = [];

    public List<byte[]> Printed { get; } = [];

    /// <summary>Card UID → member number and masked name, for join taps.</summary>
    public Dictionary<string, DrawJoinMember> Members { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyList<PoolCandidate>> CheckedInAsync(string activityId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PoolCandidate>>([.. CheckedIn.Select(e => new PoolCandidate(e, Persons.For(MemberOf.GetValueOrDefault(e.Id, "M" + e.Id)), StaffIds.Contains(e.Id)))]);

    public void Changed(string drawId) => Published.Add(drawId);

    public string? Print(string jobId, byte[] receipt)
    {
        Printed.Add(receipt);
        return null;
    }

    public DrawJoinMember? Resolve(Tap tap, out string refusal)
    {
        var found = Members.TryGetValue(tap.Card.Uid.Hex, out var member);
        refusal = found ? "" : "not_a_member";
        return member;
    }

    public void Dispose()
    {
        Runtime.Dispose();
        Journal.Dispose();
        Screen.Dispose();
        _steps.Dispose();
        _catalog.Dispose();
    }
}
