using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pcsc;
using KioskAgent.Tests.Testing.Provisioning;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The card reader's self-test through the real pcscd: a MIFARE Classic member card on vpcd is read
/// by the agent's PC/SC reader and checked against the site's sector key; the technician sees its
/// technology, its UID masked and that the check passed, never the member number it carries.
/// </summary>
[Collection(PcscCollection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class PcscCardReaderSelfTestTests(PcscdFixture pcscd)
{
    private const string SiteKey = "A0A1A2A3A4A5";
    private const string Uid = "04A1B2C3D4E5F6";
    private const string MemberNumber = "80001001";

    [Fact]
    public async Task AMemberCardOnVpcd_IsReadAndChecked_ShownMasked_WithoutItsMemberNumber()
    {
        await pcscd.PrepareAsync();
        await using var agent = await AgentProcess.StartAsync(new AgentSettings
        {
            Extra = new Dictionary<string, string>
            {
                ["Devices__CardReaders__0__Id"] = "member-1",
                ["Devices__CardReaders__0__Kind"] = "Pcsc",
                ["Devices__CardReaders__0__ReaderName"] = "Virtual PCD 00 00",
                ["CardIdentity__Mode"] = "Sector",
                ["CardIdentity__Sector__Sector"] = "1",
                ["CardIdentity__Sector__Key"] = SiteKey,
            },
        });
        var screen = await Provisioner.ScreenAsync(agent);
        using var certificate = await Provisioner.EnrollAsync(agent);
        var client = Provisioner.Client(agent, screen.Fingerprint, certificate);
        await Eventually.TrueAsync(
            () => client.ListDevices(new ListDevicesRequest()).Devices.Any(d => d.DeviceId == "member-1" && d.State == DeviceState.Ok),
            "pcscd's reader to be up",
            TimeSpan.FromSeconds(60));

        var test = client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = "member-1", CardWaitSeconds = 90 }, deadline: DateTime.UtcNow.AddMinutes(3)).ResponseAsync;
        await Eventually.TrueAsync(() => agent.Output.Contains("Self-test of card reader member-1: waiting", StringComparison.Ordinal), "the self-test to wait for a card", TimeSpan.FromSeconds(60));
        var card = new VirtualMifareClassicCard(Convert.FromHexString(Uid));
        card.SetSectorKeys(1, Convert.FromHexString(SiteKey), Convert.FromHexString("B0B1B2B3B4B5"));
        card.SetBlock(4, MemberNumberBlock.Encode(new MemberNumber(MemberNumber)));
        SelfTestResult result;
        await using (await VpcdCard.InsertAsync(card))
        {
            result = Assert.Single((await test).Results);
        }

        Assert.True(result.Passed, result.Detail);
        Assert.Contains("read a MifareClassic1K card, UID **********E5F6 (7 bytes), ATR ", result.Detail, StringComparison.Ordinal);
        Assert.Contains("identity check passed (Sector)", result.Detail, StringComparison.Ordinal);
        foreach (var secret in new[] { Uid, MemberNumber })
        {
            Assert.DoesNotContain(secret, result.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, agent.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Tap at member-1:", agent.Output, StringComparison.Ordinal);
    }
}
