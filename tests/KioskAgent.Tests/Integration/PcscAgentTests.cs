using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pcsc;
using KioskAgent.Tests.Testing.VirtualCards;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The whole agent reading real APDUs through the real pcscd: a virtual card on vpcd, the agent's
/// PC/SC reader, the site's identity policy, the member on screen.
/// </summary>
[Collection(PcscCollection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class PcscAgentTests(PcscdFixture pcscd, ITestOutputHelper output)
{
    private const string SiteKey = "A0A1A2A3A4A5";
    private const string MetaKey = "000102030405060708090A0B0C0D0E0F";
    private const string FileKey = "F0E0D0C0B0A090807060504030201000";

    private static AgentSettings Settings(params (string Key, string Value)[] identity)
    {
        var extra = new Dictionary<string, string>
        {
            ["Devices__CardReaders__0__Id"] = "member-1",
            ["Devices__CardReaders__0__Kind"] = "Pcsc",
            ["Devices__CardReaders__0__ReaderName"] = "Virtual PCD 00 00",
        };
        foreach (var (key, value) in identity)
        {
            extra[key] = value;
        }

        return new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = extra };
    }

    [Fact]
    public async Task SectorMode_MemberNumberReadThroughAuthentication_ShowsTheMember()
    {
        await pcscd.PrepareAsync();
        await using var agent = await AgentProcess.StartAsync(Settings(
            ("CardIdentity__Mode", "Sector"), ("CardIdentity__Sector__Sector", "1"), ("CardIdentity__Sector__Key", SiteKey)));
        await using var screens = await ScreenWatch.StartAsync(agent);

        var card = new VirtualMifareClassicCard(Convert.FromHexString("04A1B2C3D4E5F6"));
        card.SetSectorKeys(1, Convert.FromHexString(SiteKey), Convert.FromHexString("B0B1B2B3B4B5"));
        card.SetBlock(4, MemberNumberBlock.Encode(new MemberNumber("80001001")));
        await using (await VpcdCard.InsertAsync(card))
        {
            var shown = await screens.NextAsync(s => s.ViewCase != Contracts.V1.Screen.ViewOneofCase.Idle, agent);
            Assert.Equal("王*明", shown.Member.MaskedName);
        }

        // vpcd cannot see a card swap: wait until pcscd has seen the removal before the next card.
        await pcscd.PrepareAsync();

        // The same UID with another site's key is not a member card of this site.
        var foreign = new VirtualMifareClassicCard(Convert.FromHexString("04A1B2C3D4E5F6"));
        await using (await VpcdCard.InsertAsync(foreign))
        {
            var refused = await screens.NextAsync(s => s.ViewCase == Contracts.V1.Screen.ViewOneofCase.Refusal, agent);
            Assert.Equal("card_identity_sector_auth_failed", refused.Refusal.ReasonCode);
        }
    }

    [Fact]
    public async Task SecureMode_GenuineSunTapIsAccepted_ReplayedOrForgedTapsAreRefused()
    {
        await pcscd.PrepareAsync();
        await using var agent = await AgentProcess.StartAsync(Settings(
            ("CardIdentity__Mode", "Secure"), ("CardIdentity__Sun__MetaReadKey", MetaKey), ("CardIdentity__Sun__FileReadKey", FileKey)));
        await using var screens = await ScreenWatch.StartAsync(agent);
        var card = new VirtualNtag424Card(Convert.FromHexString("04DE5F1EACC040"), Convert.FromHexString(MetaKey), Convert.FromHexString(FileKey));

        await using (await VpcdCard.InsertAsync(card))
        {
            var shown = await screens.NextAsync(s => s.ViewCase != Contracts.V1.Screen.ViewOneofCase.Idle, agent);
            Assert.Equal("陈*", shown.Member.MaskedName);
        }

        await pcscd.PrepareAsync();
        card.ReplayPreviousUrl = true;
        await using (await VpcdCard.InsertAsync(card))
        {
            var replay = await screens.NextAsync(s => s.ViewCase == Contracts.V1.Screen.ViewOneofCase.Refusal, agent);
            Assert.Equal("card_identity_sun_replayed", replay.Refusal.ReasonCode);
        }

        await pcscd.PrepareAsync();
        card.ReplayPreviousUrl = false;
        card.CorruptMac = true;
        await using (await VpcdCard.InsertAsync(card))
        {
            var forged = await screens.NextAsync(s => s.ViewCase == Contracts.V1.Screen.ViewOneofCase.Refusal && s.Refusal.ReasonCode != "card_identity_sun_replayed", agent);
            Assert.Equal("card_identity_sun_bad_cmac", forged.Refusal.ReasonCode);
        }
    }

    [Fact]
    public async Task SilentCard_HealthShowsTheReaderStuckWithinFiveSeconds_TheNextCardIsServed_AndSigtermDuringAHangExitsWithinTenSeconds()
    {
        await pcscd.PrepareAsync();
        await using var agent = await AgentProcess.StartAsync(Settings());
        await using var screens = await ScreenWatch.StartAsync(agent);
        var devices = new Contracts.V1.Devices.DevicesClient(agent.Channel);
        await ReaderHealthAsync(devices, d => d.State == DeviceState.Ok && d.Reason == "reader_available", agent);

        var silent = new SilentUidCard();
        var inserted = await VpcdCard.InsertAsync(silent);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stuck = await ReaderHealthAsync(devices, d => d.State == DeviceState.Fault, agent);
        var stuckAfter = clock.Elapsed;
        silent.Pull();
        await inserted.Closed;
        await ReaderHealthAsync(devices, d => d.State == DeviceState.Ok, agent);
        await pcscd.PrepareAsync();
        Contracts.V1.Screen served;
        await using (await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("5A6B7C8D")))
        {
            served = await screens.NextAsync(s => s.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member, agent);
        }

        await pcscd.PrepareAsync();
        var hanging = new SilentUidCard();
        var second = await VpcdCard.InsertAsync(hanging);
        await hanging.Silent.WaitAsync(TimeSpan.FromSeconds(20));
        clock.Restart();
        await agent.StopAsync();
        var exitedAfter = clock.Elapsed;
        hanging.Pull();
        await second.Closed;

        output.WriteLine($"stuck in health after {stuckAfter.TotalMilliseconds:F0} ms; exit after SIGTERM {exitedAfter.TotalMilliseconds:F0} ms");
        Assert.Equal("card_stuck", stuck.Reason);
        Assert.True(stuckAfter < TimeSpan.FromSeconds(5), $"health showed the reader stuck {stuckAfter.TotalMilliseconds:F0} ms after the card was inserted");
        Assert.Equal("李*", served.Member.MaskedName);
        Assert.True(agent.HasExited);
        Assert.True(exitedAfter < TimeSpan.FromSeconds(10), $"SIGTERM during a hang took {exitedAfter.TotalMilliseconds:F0} ms to exit");
    }

    [Fact]
    public async Task FailedRead_ReasonInHealth_IsClearedByTheNextGoodRead()
    {
        await pcscd.PrepareAsync();
        await using var agent = await AgentProcess.StartAsync(Settings());
        var devices = new Contracts.V1.Devices.DevicesClient(agent.Channel);
        await ReaderHealthAsync(devices, d => d.State == DeviceState.Ok && d.Reason == "reader_available", agent);

        await using (await VpcdCard.InsertAsync(new BrokenUidCard(UidCardFault.WrongStatusWord)))
        {
            await ReaderHealthAsync(devices, d => d.Reason.StartsWith("last card unreadable", StringComparison.Ordinal), agent);
        }

        await pcscd.PrepareAsync();
        await using var good = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("5A6B7C8D"));
        var cleared = await ReaderHealthAsync(devices, d => !d.Reason.StartsWith("last card unreadable", StringComparison.Ordinal), agent);

        Assert.Equal((DeviceState.Ok, "reader_available"), (cleared.State, cleared.Reason));
    }

    private static Task<DeviceStatus> ReaderHealthAsync(Contracts.V1.Devices.DevicesClient devices, Func<DeviceStatus, bool> match, AgentProcess agent) =>
        Eventually.ValueAsync(
            () => devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "member-1" && match(d)),
            $"reader health to match; agent output:\n{agent.Output}");

    /// <summary>Follows the agent's screen stream from the moment it starts.</summary>
    private sealed class ScreenWatch : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cts = new(TimeSpan.FromMinutes(2));
        private readonly Grpc.Core.AsyncServerStreamingCall<Contracts.V1.Screen> _call;

        private ScreenWatch(Grpc.Core.AsyncServerStreamingCall<Contracts.V1.Screen> call) => _call = call;

        public static async Task<ScreenWatch> StartAsync(AgentProcess agent)
        {
            var watch = new ScreenWatch(new KioskUi.KioskUiClient(agent.Channel).WatchScreen(new WatchScreenRequest()));
            Assert.True(await watch._call.ResponseStream.MoveNext(watch._cts.Token));
            return watch;
        }

        public async Task<Contracts.V1.Screen> NextAsync(Func<Contracts.V1.Screen, bool> match, AgentProcess agent)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            try
            {
                while (await _call.ResponseStream.MoveNext(timeout.Token))
                {
                    if (match(_call.ResponseStream.Current))
                    {
                        return _call.ResponseStream.Current;
                    }
                }
            }
            catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.Cancelled)
            {
            }

            throw new TimeoutException($"No matching screen. Agent output:\n{agent.Output}");
        }

        public ValueTask DisposeAsync()
        {
            _call.Dispose();
            _cts.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
