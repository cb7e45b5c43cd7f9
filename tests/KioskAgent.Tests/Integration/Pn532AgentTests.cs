using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pn532;
using KioskAgent.Tests.Testing.Serial;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The whole agent with a PN532 reader configured on HSU: the agent opens one end of a real socat
/// pty through the dotnet/iot binding, the frame-level simulator answers on the other with the
/// virtual cards; the site's identity policy decides, the member (or the refusal) is on screen.
/// </summary>
[Collection(Pn532Collection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class Pn532AgentTests
{
    private const string SiteKey = "A0A1A2A3A4A5";
    private const string MetaKey = "000102030405060708090A0B0C0D0E0F";
    private const string FileKey = "F0E0D0C0B0A090807060504030201000";

    [Fact]
    public async Task SecureMode_GenuineSunTapShowsTheMember_ItsReplayIsRefused()
    {
        await using var pty = await SocatPtyPair.StartAsync();
        using var chip = new SimulatedPn532Hsu(pty.PathB);
        await using var agent = await AgentProcess.StartAsync(Settings(pty,
            ("CardIdentity__Mode", "Secure"), ("CardIdentity__Sun__MetaReadKey", MetaKey), ("CardIdentity__Sun__FileReadKey", FileKey)));
        await using var screens = await ScreenRecorder.StartAsync(agent);
        var tag = new VirtualNtag424Card(Convert.FromHexString("04DE5F1EACC040"), Convert.FromHexString(MetaKey), Convert.FromHexString(FileKey));

        chip.Firmware.Present(Pn532FieldCard.Ntag424(tag));
        var shown = await NextAsync(screens, Contracts.V1.Screen.ViewOneofCase.Member, agent);
        await chip.Firmware.RemoveAndWaitForEmptyPollsAsync();

        // Back within Taps:SameCardDebounceMs (300 ms) of its removal it would be the same tap.
        await Task.Delay(TimeSpan.FromSeconds(1));
        tag.ReplayPreviousUrl = true;
        chip.Firmware.Present(Pn532FieldCard.Ntag424(tag));
        var replay = await NextAsync(screens, Contracts.V1.Screen.ViewOneofCase.Refusal, agent);

        Assert.Equal("陈*", shown.Member.MaskedName);
        Assert.Equal("card_identity_sun_replayed", replay.Refusal.ReasonCode);
    }

    [Fact]
    public async Task SectorMode_MemberNumberReadThroughPn532Authentication_ShowsTheMember()
    {
        await using var pty = await SocatPtyPair.StartAsync();
        using var chip = new SimulatedPn532Hsu(pty.PathB);
        await using var agent = await AgentProcess.StartAsync(Settings(pty,
            ("CardIdentity__Mode", "Sector"), ("CardIdentity__Sector__Sector", "1"), ("CardIdentity__Sector__Key", SiteKey)));
        await using var screens = await ScreenRecorder.StartAsync(agent);
        var card = new VirtualMifareClassicCard(Convert.FromHexString("04A1B2C3D4E5F6"));
        card.SetSectorKeys(1, Convert.FromHexString(SiteKey), Convert.FromHexString("B0B1B2B3B4B5"));
        card.SetBlock(4, MemberNumberBlock.Encode(new MemberNumber("80001001")));

        var devices = new Contracts.V1.Devices.DevicesClient(agent.Channel);
        var ready = await Eventually.ValueAsync(
            () => devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "member-1" && d.State == DeviceState.Ok),
            $"the PN532 reader healthy; agent output:\n{agent.Output}");
        chip.Firmware.Present(Pn532FieldCard.Mifare(card));
        var shown = await NextAsync(screens, Contracts.V1.Screen.ViewOneofCase.Member, agent);

        Assert.Equal("ready: PN532 firmware 1.6", ready.Reason);
        Assert.Equal("王*明", shown.Member.MaskedName);
    }

    private static AgentSettings Settings(SocatPtyPair pty, params (string Key, string Value)[] identity)
    {
        var extra = new Dictionary<string, string>
        {
            ["Devices__CardReaders__0__Id"] = "member-1",
            ["Devices__CardReaders__0__Kind"] = "Pn532",
            ["Devices__CardReaders__0__Transport"] = "Hsu",
            ["Devices__CardReaders__0__DevicePath"] = pty.PathA,
        };
        foreach (var (key, value) in identity)
        {
            extra[key] = value;
        }

        return new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = extra };
    }

    private static Task<Contracts.V1.Screen> NextAsync(ScreenRecorder screens, Contracts.V1.Screen.ViewOneofCase view, AgentProcess agent)
    {
        var seen = screens.Frames.Count(f => f.ViewCase == view);
        return Eventually.ValueAsync(
            () => screens.Frames.Where(f => f.ViewCase == view).Skip(seen).FirstOrDefault(),
            $"a {view} screen; agent output:\n{agent.Output}",
            TimeSpan.FromSeconds(30));
    }
}
