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
        Assert.Contains("Screen:ClearAfterSeconds must be a whole number", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(300, sp.GetRequiredService<IOptionsMonitor<TapOptions>>().CurrentValue.SameCardDebounceMs);
    }

    [Theory]
    [InlineData("Central:TelemetrySeconds", "abc")]
    [InlineData("Central:TelemetrySeconds", "0")]
    [InlineData("Redemption:OfflineMode", "99")]
    [InlineData("Redemption:OfflineMode", "Sometimes")]
    [InlineData("Redemption:OfflineDailyPointsLimit", "-1")]
    [InlineData("Screen:IdleGreeting", "")]
    [InlineData("Screen:IdleGreeting", "\u0000")]
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

    [Fact]
    public void ApplyDesired_TheLargestVersion_IsRefusedAsAJump_AndCentralsNextVersionIsStillApplied()
    {
        var (service, sp) = Start();
        service.ApplyDesired(Desired(7, ("Screen:ClearAfterSeconds", "20")));

        var poisoned = service.ApplyDesired(Desired(ulong.MaxValue, ("Screen:ClearAfterSeconds", "99")));
        var next = service.ApplyDesired(Desired(8, ("Screen:ClearAfterSeconds", "30")));

        Assert.Equal((RemoteConfigOutcomeKind.Rejected, InboundVersions.Jump), (poisoned.Kind, poisoned.Reason));
        Assert.Equal(RemoteConfigOutcomeKind.Applied, next.Kind);
        Assert.Equal(8UL, RemoteConfigFile.Read(FilePath).AppliedVersion);
        Assert.Equal(30, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
    }

    [Theory]
    [InlineData(7 + InboundVersions.MaxStep, RemoteConfigOutcomeKind.Applied)]
    [InlineData(7 + InboundVersions.MaxStep + 1, RemoteConfigOutcomeKind.Rejected)]
    public void ApplyDesired_MayMoveTheVersionForwardByAtMostTheMaximumStep(ulong version, RemoteConfigOutcomeKind expected)
    {
        var (service, _) = Start();
        service.ApplyDesired(Desired(7, ("Screen:ClearAfterSeconds", "20")));

        Assert.Equal(expected, service.ApplyDesired(Desired(version, ("Screen:ClearAfterSeconds", "30"))).Kind);
    }

    [Fact]
    public void ApplyDesired_FromVersionZero_AnyVersionUpToTheCeilingIsTaken()
    {
        var (service, _) = Start();

        Assert.Equal(InboundVersions.Jump, service.ApplyDesired(Desired(InboundVersions.Ceiling + 1, ("Screen:ClearAfterSeconds", "20"))).Reason);
        Assert.Equal(RemoteConfigOutcomeKind.Applied, service.ApplyDesired(Desired(InboundVersions.Ceiling, ("Screen:ClearAfterSeconds", "20"))).Kind);
    }

    [Fact]
    public void ResetVersion_KeepsTheOverrides_AndTakesTheNextDocumentWhateverItsVersion()
    {
        var (service, sp) = Start();
        service.ApplyDesired(Desired(1000, ("Screen:ClearAfterSeconds", "20")));

        var before = service.ResetVersion();

        Assert.Equal(1000UL, before);
        Assert.Equal(0UL, RemoteConfigFile.Read(FilePath).AppliedVersion);
        Assert.Equal(20, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.Equal(RemoteConfigOutcomeKind.Applied, service.ApplyDesired(Desired(5, ("Screen:ClearAfterSeconds", "25"))).Kind);
        Assert.Equal(5UL, service.Reported().AppliedVersion);
    }

    [Fact]
    public void AStoredVersionBeyondTheCeiling_IsResetAtStart_SoCentralIsNotLockedOut()
    {
        RemoteConfigFile.Write(FilePath, new RemoteConfigState
        {
            AppliedVersion = ulong.MaxValue,
            Settings = new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "30" },
        });

        var (service, sp) = Start();

        Assert.Equal(0UL, service.State.AppliedVersion);
        Assert.Equal(30, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.Equal(RemoteConfigOutcomeKind.Applied, service.ApplyDesired(Desired(8, ("Screen:ClearAfterSeconds", "25"))).Kind);
    }

    [Fact]
    public void AStoredValueTodaysRulesRefuse_IsNotUsed_AndCentralsDocumentIsJudgedAgain()
    {
        RemoteConfigFile.Write(FilePath, new RemoteConfigState
        {
            AppliedVersion = 4,
            Settings = new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "30", ["Redemption:OfflineDailyPointsLimit"] = "9223372036854775807" },
        });

        var (service, sp) = Start();

        Assert.Equal(0UL, service.State.AppliedVersion);
        Assert.Equal(30, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.ClearAfterSeconds);
        Assert.Equal(0, sp.GetRequiredService<IOptionsMonitor<RedemptionPolicy>>().CurrentValue.OfflineDailyPointsLimit);
    }

    [Theory]
    [InlineData("0x10")]
    [InlineData("0X10")]
    [InlineData("1e3")]
    [InlineData(" 16")]
    [InlineData("16 ")]
    [InlineData("+16")]
    [InlineData("016")]
    [InlineData("16.0")]
    [InlineData("1,000")]
    [InlineData("１６")]
    [InlineData("-0")]
    [InlineData("")]
    public void ApplyDesiredAndOneOff_ANumberNotWrittenInPlainDecimalDigits_IsRefused(string value)
    {
        var (service, sp) = Start();

        var desired = service.ApplyDesired(Desired(1, ("Screen:RefusalClearAfterSeconds", value)));
        var oneOff = service.ApplyOneOff(new Dictionary<string, string> { ["Screen:RefusalClearAfterSeconds"] = value.Length == 0 ? "0" : value });

        Assert.Equal((RemoteConfigService.Invalid, RemoteConfigService.Invalid), (desired.Reason, oneOff.Reason));
        Assert.Contains("plain decimal digits", desired.Detail, StringComparison.Ordinal);
        Assert.Equal(8, sp.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.RefusalClearAfterSeconds);
        Assert.False(File.Exists(FilePath));
    }

    [Theory]
    [InlineData("Redemption:OfflineMode", "1")]
    [InlineData("Redemption:OfflineMode", "refuse")]
    [InlineData("Redemption:OfflineMode", " Refuse")]
    [InlineData("Redemption:OfflineDailyPointsLimit", "9223372036854775807")]
    [InlineData("Redemption:OfflineDailyPointsLimit", "100001")]
    [InlineData("Taps:SameCardDebounceMs", "10000")]
    [InlineData("Taps:SameCardDebounceMs", "2001")]
    [InlineData("Central:TelemetrySeconds", "3600")]
    [InlineData("Central:TelemetrySeconds", "301")]
    [InlineData("Central:TelemetrySeconds", "4")]
    [InlineData("Screen:ClearAfterSeconds", "121")]
    [InlineData("Screen:RefusalClearAfterSeconds", "61")]
    [InlineData("Screen:IdleGreeting", "\u202E欢迎光临")]
    [InlineData("Screen:IdleGreeting", "欢迎\u200B光临")]
    [InlineData("Screen:IdleGreeting", "欢迎\u2067光临\u2069")]
    [InlineData("Screen:IdleGreeting", "请扫码向 evil.example 付款")]
    [InlineData("Screen:IdleGreeting", "请扫码向 ｅｖｉｌ．ｅｘａｍｐｌｅ 付款")]
    [InlineData("Screen:IdleGreeting", "请访问 evil。example")]
    [InlineData("Screen:IdleGreeting", "https://x")]
    [InlineData("Screen:IdleGreeting", "欢迎\n光临")]
    public void ApplyDesired_RiskyValues_AreRefused(string key, string value)
    {
        var (service, _) = Start();

        var outcome = service.ApplyDesired(Desired(1, (key, value)));

        Assert.Equal((RemoteConfigOutcomeKind.Rejected, RemoteConfigService.Invalid), (outcome.Kind, outcome.Reason));
        Assert.Equal(0UL, service.State.AppliedVersion);
    }

    [Theory]
    [InlineData("Redemption:OfflineDailyPointsLimit", "100000")]
    [InlineData("Taps:SameCardDebounceMs", "2000")]
    [InlineData("Taps:SameCardDebounceMs", "0")]
    [InlineData("Central:TelemetrySeconds", "300")]
    [InlineData("Screen:IdleGreeting", "会员日 9.9元起 · Welcome")]
    [InlineData("Screen:IdleGreeting", "Bienvenue à l'accueil 🇨🇳 👋🏽")]
    public void ApplyDesired_ValuesAtTheBounds_AreApplied(string key, string value)
    {
        var (service, _) = Start();

        var outcome = service.ApplyDesired(Desired(1, (key, value)));

        Assert.Equal(RemoteConfigOutcomeKind.Applied, outcome.Kind);
        Assert.Equal(value, service.Reported().Settings[key]);
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
