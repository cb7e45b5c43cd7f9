using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.RemoteConfig;
using KioskAgent.Rewards;
using KioskAgent.Screen;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Unit;

/// <summary>RemoteConfigService over a real configuration stack, the real options validators and a real file.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class RemoteConfigServiceTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("remote-config");
    private readonly List<ServiceProvider> _providers = [];

    private string FilePath => Path.Combine(_directory, RemoteConfigFile.FileName);

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ApplyDesired_AllowlistedValidSettings_AreLiveForOptionsMonitorsAndPersisted()
    {
        var (service, sp) = Start();

        var outcome = service.ApplyDesired(Desired(1, ("Screen:ClearAfterSeconds", "20"), ("Taps:SameCardDebounceMs", "500")));

        Assert.Equal(RemoteConfigOutcomeKind.Applied, outcome.Kind);
        Assert.Equal(20, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.Equal(500, sp.GetRequiredService<IOptionsMonitor<TapOptions>>().CurrentValue.SameCardDebounceMs);
        Assert.Equal(1UL, RemoteConfigFile.Read(FilePath).AppliedVersion);
        Assert.Equal("20", service.Reported().Settings["Screen:ClearAfterSeconds"]);
    }

    [Fact]
    public void ApplyDesired_AKeyNotOnTheList_RefusesTheWholeDocument()
    {
        var (service, sp) = Start();

        var outcome = service.ApplyDesired(Desired(1, ("Screen:ClearAfterSeconds", "20"), ("Kiosk:KioskId", "someone-else")));

        Assert.Equal((RemoteConfigOutcomeKind.Rejected, RemoteConfigService.NotAllowed), (outcome.Kind, outcome.Reason));
        Assert.Contains("Kiosk:KioskId", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(15, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.False(File.Exists(FilePath));
        var reported = service.Reported();
        Assert.Equal((0UL, 1UL), (reported.AppliedVersion, reported.RejectedVersion));
        Assert.StartsWith("not_allowed:", reported.RejectedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyDesired_AValueTheValidatorsRefuse_AppliesNothingAndSaysWhy()
    {
        var (service, sp) = Start();

        var outcome = service.ApplyDesired(Desired(1, ("Taps:SameCardDebounceMs", "100"), ("Screen:ClearAfterSeconds", "0")));

        Assert.Equal((RemoteConfigOutcomeKind.Rejected, RemoteConfigService.Invalid), (outcome.Kind, outcome.Reason));
        Assert.Contains("Screen:ClearAfterSeconds must be 1-600.", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(300, sp.GetRequiredService<IOptionsMonitor<TapOptions>>().CurrentValue.SameCardDebounceMs);
    }

    [Theory]
    [InlineData("Central:TelemetrySeconds", "abc")]
    [InlineData("Central:TelemetrySeconds", "0")]
    [InlineData("Redemption:OfflineMode", "99")]
    [InlineData("Redemption:OfflineMode", "Sometimes")]
    [InlineData("Redemption:OfflineDailyPointsLimit", "-1")]
    [InlineData("Screen:IdleGreeting", "")]
    public void ApplyDesired_WrongTypesAndOutOfRangeValues_AreRefused(string key, string value)
    {
        var (service, _) = Start();

        var outcome = service.ApplyDesired(Desired(1, (key, value)));

        Assert.Equal(RemoteConfigOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(0UL, service.State.AppliedVersion);
    }

    [Fact]
    public void ApplyDesired_KeysAreCaseInsensitive_AndReportedCanonically()
    {
        var (service, _) = Start();

        service.ApplyDesired(Desired(1, ("redemption:offlinemode", "AllowUpToDailyLimit"), ("REDEMPTION:OFFLINEDAILYPOINTSLIMIT", "500")));

        Assert.Equal("AllowUpToDailyLimit", service.Reported().Settings["Redemption:OfflineMode"]);
        Assert.Equal(["Redemption:OfflineDailyPointsLimit", "Redemption:OfflineMode"], service.State.Settings.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ApplyDesired_TheSameVersionAgainChangesNothing_AndAnOlderOneIsStale()
    {
        var (service, sp) = Start();
        service.ApplyDesired(Desired(5, ("Screen:ClearAfterSeconds", "20")));

        var again = service.ApplyDesired(Desired(5, ("Screen:ClearAfterSeconds", "30")));
        var older = service.ApplyDesired(Desired(4, ("Screen:ClearAfterSeconds", "40")));

        Assert.Equal((RemoteConfigOutcomeKind.Unchanged, RemoteConfigOutcomeKind.Stale), (again.Kind, older.Kind));
        Assert.Equal(20, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
    }

    [Fact]
    public void ApplyDesired_ANewerDocumentWithoutAKey_GivesThatKeyBackToLocalConfiguration()
    {
        var (service, sp) = Start();
        service.ApplyDesired(Desired(1, ("Screen:ClearAfterSeconds", "20"), ("Taps:SameCardDebounceMs", "500")));

        service.ApplyDesired(Desired(2, ("Taps:SameCardDebounceMs", "400")));

        Assert.Equal(15, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.Equal(400, sp.GetRequiredService<IOptionsMonitor<TapOptions>>().CurrentValue.SameCardDebounceMs);
    }

    [Fact]
    public void AppliedOverrides_SurviveARestart()
    {
        var (first, _) = Start();
        first.ApplyDesired(Desired(3, ("Screen:ClearAfterSeconds", "25")));

        var (restarted, sp) = Start();

        Assert.Equal(3UL, restarted.Reported().AppliedVersion);
        Assert.Equal(25, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.Equal(RemoteConfigOutcomeKind.Unchanged, restarted.ApplyDesired(Desired(3, ("Screen:ClearAfterSeconds", "25"))).Kind);
    }

    [Fact]
    public void OverridesFile_KeysNotOnTheListAreIgnored_AndACorruptFileIsNotFatal()
    {
        RemoteConfigFile.Write(FilePath, new RemoteConfigState
        {
            AppliedVersion = 2,
            Settings = new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "30", ["Kiosk:KioskId"] = "evil" },
        });
        var (_, sp) = Start();
        Assert.Equal(30, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.Equal("k1", sp.GetRequiredService<IConfiguration>()["Kiosk:KioskId"]);

        File.WriteAllText(FilePath, "{ not json");
        var (corrupt, sp2) = Start();
        Assert.Equal(0UL, corrupt.State.AppliedVersion);
        Assert.Equal(15, sp2.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
    }

    [Fact]
    public void ApplyOneOff_ChangesSingleKeysOnTopOfTheDesiredOnes_AndAnEmptyValueRemovesOne()
    {
        var (service, sp) = Start();
        service.ApplyDesired(Desired(1, ("Screen:ClearAfterSeconds", "20")));

        Assert.True(service.ApplyOneOff(new Dictionary<string, string> { ["Taps:SameCardDebounceMs"] = "450" }).Applied);
        Assert.True(service.ApplyOneOff(new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "" }).Applied);
        var refused = service.ApplyOneOff(new Dictionary<string, string> { ["Central:Host"] = "evil.example" });

        Assert.Equal(15, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.Equal(450, sp.GetRequiredService<IOptionsMonitor<TapOptions>>().CurrentValue.SameCardDebounceMs);
        Assert.Equal(RemoteConfigService.NotAllowed, refused.Reason);
        Assert.Equal(1UL, service.Reported().AppliedVersion);
    }

    [Fact]
    public void Reported_ListsEveryRemoteSettableKeyWithItsEffectiveValue()
    {
        var (service, _) = Start();

        var reported = service.Reported();

        Assert.Equal(RemoteSettings.All.Select(s => s.Key).Order(StringComparer.Ordinal), reported.Settings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("15", reported.Settings["Screen:ClearAfterSeconds"]);
        Assert.Equal("30", reported.Settings["Central:TelemetrySeconds"]);
        Assert.Equal("Refuse", reported.Settings["Redemption:OfflineMode"]);
    }

    private static DesiredConfig Desired(ulong version, params (string Key, string Value)[] settings)
    {
        var desired = new DesiredConfig { Version = version };
        foreach (var (key, value) in settings)
        {
            desired.Settings[key] = value;
        }

        return desired;
    }

    /// <summary>A fresh configuration stack over the same data directory: what a (re)started agent has.</summary>
    private (RemoteConfigService Service, ServiceProvider Provider) Start()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kiosk:KioskId"] = "k1",
            ["Screen:ClearAfterSeconds"] = "15",
            // A provisioned kiosk has central's key: every Central:* setting is validated with each change.
            ["Central:SigningKeys:0:PublicKeyPem"] = TestCentralKey.PublicKeyPem,
        });
        configuration.AddRemoteOverrides(_directory);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScreen();
        services.AddTaps();
        services.AddCentralLink();
        services.AddRewards();
        services.AddSingleton<RemoteConfigService>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return (provider.GetRequiredService<RemoteConfigService>(), provider);
    }
}
