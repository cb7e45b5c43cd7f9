using KioskAgent.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hosting;
using KioskAgent.Identity;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Devices;
using KioskAgent.Watchdog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static KioskAgent.Tests.Testing.Devices.DeviceConfiguration;

namespace KioskAgent.Tests.Unit;

/// <summary>
/// A reader kind the agent does not know, added the way a binding adds itself (one AddDeviceKind
/// line, here in the test) and nothing else: configuration names it, its settings are bound and
/// validated, the registry creates it, and a card tapped on it goes the whole tap path.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class DeviceKindSeamTests : IDisposable
{
    private static readonly (string Key, string Value)[] FakeReaderConfiguration =
        [.. Reader(0, ("Id", "plug-1"), ("Kind", "fake"), ("Antenna", "B"), ("Role", "Member"))];

    private readonly string _directory = TestPaths.NewTempDirectory("seam");

    [Fact]
    public async Task RegisteredKind_IsConfiguredCreatedAndTappedThrough_WithoutAnyAgentChange()
    {
        var kind = new FakeCardReaderKind();
        await using var services = Build(FakeReaderConfiguration, kind);
        Assert.True(services.GetRequiredService<IOptions<DeviceOptions>>().Value.CardReaders.Count == 1);
        using var members = new MemberCache(_directory, MemberRecords.Secret);
        members.Import(MemberRecords.Batch(MemberRecords.Member("M1", "04A1B2C3")), DateTimeOffset.UtcNow);
        using var journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), new KioskOptions { KioskId = "k1", SiteId = "s1" });
        var screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions()), TimeProvider.System);
        using var live = new OfflineLiveView(members, screen, journal, TimeProvider.System);
        using var watcher = Watcher(services, members, journal, screen, live);

        await watcher.StartAsync(CancellationToken.None);
        var reader = Assert.Single(kind.Created);
        reader.Tap("04a1b2c3");
        var shown = await Eventually.ValueAsync(() => screen.Current.Member, "the member on screen");
        await watcher.StopAsync(CancellationToken.None);

        Assert.Equal(("plug-1", "B"), (reader.ReaderId, reader.Antenna));
        Assert.Equal(shown.TransactionId, Assert.Single(await journal.PendingAsync(10)).Id);
        Assert.Equal((DeviceState.Ok, "fake reader on antenna B"), (services.GetRequiredService<DeviceHealthRegistry>().Get("plug-1")!.State, services.GetRequiredService<DeviceHealthRegistry>().Get("plug-1")!.Reason));
    }

    [Fact]
    public async Task RegisteredKind_WhoseHardwareIsMissingAtStart_IsAbsentWithTheReason_ThenOpenedAgainAndTapped()
    {
        var kind = new FakeCardReaderKind().FailingOpens(2);
        await using var services = Build(FakeReaderConfiguration, kind);
        using var members = new MemberCache(_directory, MemberRecords.Secret);
        members.Import(MemberRecords.Batch(MemberRecords.Member("M1", "04A1B2C3")), DateTimeOffset.UtcNow);
        using var journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), new KioskOptions { KioskId = "k1", SiteId = "s1" });
        var screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions()), TimeProvider.System);
        using var live = new OfflineLiveView(members, screen, journal, TimeProvider.System);
        using var watcher = Watcher(services, members, journal, screen, live);
        var health = services.GetRequiredService<DeviceHealthRegistry>();

        await watcher.StartAsync(CancellationToken.None);
        var missing = await Eventually.ValueAsync(() => health.Get("plug-1") is { State: DeviceState.Absent, Reason: not "starting" } h ? h : null, "the reader reported absent");
        var reader = await Eventually.ValueAsync(() => kind.Created.SingleOrDefault(), "the reader opened on a later try");
        reader.Tap("04a1b2c3");
        await Eventually.ValueAsync(() => screen.Current.Member, "the member on screen");
        await watcher.StopAsync(CancellationToken.None);

        Assert.Equal("cannot open: no fake reader on antenna B", missing.Reason);
        Assert.Equal(DeviceState.Ok, health.Get("plug-1")!.State);
    }

    [Fact]
    public void UnregisteredKind_IsAConfigurationProblem_ListingTheRegisteredOnes()
    {
        var failure = Assert.Single(Validate(FakeReaderConfiguration).Failures!);

        Assert.Contains("Devices:CardReaders:0:Kind 'fake'", failure, StringComparison.Ordinal);
        Assert.Contains("Simulated, Pcsc, Mfrc522, Pn532, Evdev, Serial", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteredKind_ValidatesItsOwnSettings()
    {
        using var services = Build([.. Reader(0, ("Id", "plug-1"), ("Kind", "Fake"), ("Antenna", "C"))], new FakeCardReaderKind());

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeviceOptions>>().Value).Failures.Single();

        Assert.Equal("Devices:CardReaders:0:Antenna 'C' must be A or B.", failure);
    }

    [Theory]
    [InlineData(DeviceCapabilities.Uid, CardIdentityMode.Secure, false)]
    [InlineData(DeviceCapabilities.Uid | DeviceCapabilities.Iso14443Part4, CardIdentityMode.Secure, true)]
    [InlineData(DeviceCapabilities.Uid, CardIdentityMode.Sector, false)]
    [InlineData(DeviceCapabilities.Uid | DeviceCapabilities.MifareSectorAuth, CardIdentityMode.Sector, true)]
    [InlineData(DeviceCapabilities.Uid, CardIdentityMode.UidOnly, true)]
    public void IdentityMode_IsCheckedAgainstTheKindsCapabilities(DeviceCapabilities capabilities, CardIdentityMode mode, bool accepted)
    {
        using var services = Build(FakeReaderConfiguration, new FakeCardReaderKind(capabilities));
        var check = new CardIdentityReaderCheck(services.GetRequiredService<IOptions<DeviceOptions>>(), services.GetRequiredService<DeviceKinds>());

        var result = check.Validate(null, new CardIdentityOptions { Mode = mode });

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Contains("card reader 'plug-1' (Kind=fake) cannot do it", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ReaderWatcher Watcher(IServiceProvider services, MemberCache members, TransactionJournal journal, ScreenBroadcaster screen, OfflineLiveView live)
    {
        var time = TimeProvider.System;
        var counters = new TapCounters();
        var calendar = new SiteCalendar(Options.Create(new KioskOptions { KioskId = "k1", SiteId = "s1" }), time);
        var handler = new MemberTapHandler(new MemberLookup(members), journal, screen, live.View, counters, calendar, [], NullLogger<MemberTapHandler>.Instance);
        var identities = new CardIdentityResolver(Options.Create(new CardIdentityOptions()), new InMemorySunCounterStore());
        var health = services.GetRequiredService<DeviceHealthRegistry>();
        var pipeline = new TapPipeline(identities, handler, new KioskAgent.Staff.StaffTapRouter(), counters, new TapDebouncer(TimeSpan.FromMilliseconds(300)), health, NullLogger<TapPipeline>.Instance);
        return new ReaderWatcher(services.GetRequiredService<CardReaderRegistry>(), pipeline, health, new LoopMonitor(time), Options.Create(new WatchdogOptions()), time, NullLogger<ReaderWatcher>.Instance);
    }
}
