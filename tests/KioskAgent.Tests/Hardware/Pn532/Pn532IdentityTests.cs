using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pn532;
using KioskAgent.Tests.Testing.VirtualCards;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Hardware.Pn532;

/// <summary>
/// The agent's card identity policy, unchanged, on taps from the PN532 reader over a real socat pty:
/// MIFARE sector identity through AUTH/READ in InDataExchange, NTAG 424 DNA SUN through ISO-DEP APDUs.
/// </summary>
[Collection(Pn532Collection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class Pn532IdentityTests
{
    private const string SiteKey = "A0A1A2A3A4A5";
    private const string MetaKey = "000102030405060708090A0B0C0D0E0F";
    private const string FileKey = "F0E0D0C0B0A090807060504030201000";
    private readonly InMemorySunCounterStore _counters = new();

    [Fact]
    public async Task Sector_MemberNumberReadWithTheSiteKey_IdentifiesTheMember_AnotherSitesCardIsRefused()
    {
        await using var rig = await Pn532Rig.StartAsync();
        await using var reader = rig.NewReader();
        await using var log = new ReaderEventLog(reader);
        var resolver = Resolver(new CardIdentityOptions { Mode = CardIdentityMode.Sector, Sector = new MemberNumberOptions { Sector = 1, Key = SiteKey } });

        rig.Firmware.Present(Pn532FieldCard.Mifare(ClassicCard("04A1B2C3", SiteKey, "88001234")));
        var member = resolver.Resolve(await log.WaitForAsync<CardPresented>());
        rig.Firmware.Present(Pn532FieldCard.Mifare(ClassicCard("0A0B0C0D", "FFFFFFFFFFFF", "88001234")));
        var foreign = resolver.Resolve(await log.WaitForAsync<CardPresented>(index: 1));

        Assert.True(member.Succeeded, $"{member.RefusalReason}: {member.Detail}");
        Assert.Equal(("88001234", "04A1B2C3"), (member.Identity!.MemberNumber, member.Identity.Uid.Hex));
        Assert.Equal("sector_auth_failed", foreign.RefusalReason);
        Assert.Contains("key refused", foreign.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MifareClassic_WrongKeyThenRightKey_RefusedThenReadOnTheSameTap()
    {
        await using var rig = await Pn532Rig.StartAsync();
        await using var reader = rig.NewReader();
        await using var log = new ReaderEventLog(reader);
        rig.Firmware.Present(Pn532FieldCard.Mifare(ClassicCard("04A1B2C3", SiteKey, "13800138000")));
        var tap = await log.WaitForAsync<CardPresented>();
        var card = new MifareClassicCard(tap.Transceiver!);

        var wrong = card.ReadBlock(4, MifareKey.Parse("FFFFFFFFFFFF", MifareKeyType.A));
        var right = card.ReadBlock(4, MifareKey.Parse(SiteKey, MifareKeyType.A));

        Assert.Equal("sector_auth_failed", wrong.Reason);
        Assert.True(right.IsSuccess, right.ToString());
        Assert.Equal("13800138000", MemberNumberBlock.Decode(right.Value).Value!.Value);
    }

    [Fact]
    public async Task Secure_GenuineSunTapIsAccepted_ItsReplayIsRefused()
    {
        await using var rig = await Pn532Rig.StartAsync();
        await using var reader = rig.NewReader();
        await using var log = new ReaderEventLog(reader);
        var resolver = Resolver(new CardIdentityOptions { Mode = CardIdentityMode.Secure, Sun = new SunIdentityOptions { MetaReadKey = MetaKey, FileReadKey = FileKey } });
        var tag = new VirtualNtag424Card(Convert.FromHexString("04DE5F1EACC040"), Convert.FromHexString(MetaKey), Convert.FromHexString(FileKey));

        rig.Firmware.Present(Pn532FieldCard.Ntag424(tag));
        var genuine = resolver.Resolve(await log.WaitForAsync<CardPresented>());
        rig.Firmware.Remove();
        await log.WaitForAsync<CardRemoved>();
        tag.ReplayPreviousUrl = true;
        rig.Firmware.Present(Pn532FieldCard.Ntag424(tag));
        var replay = resolver.Resolve(await log.WaitForAsync<CardPresented>(index: 1));

        Assert.True(genuine.Succeeded, $"{genuine.RefusalReason}: {genuine.Detail}");
        Assert.Equal("04DE5F1EACC040", genuine.Identity!.Uid.Hex);
        Assert.False(genuine.Identity.IsWeak);
        Assert.Equal(SunRefusalReasons.Replayed, replay.RefusalReason);
        Assert.Equal(1, tag.ReadCounter);
    }

    private CardIdentityResolver Resolver(CardIdentityOptions options) => new(Options.Create(options), _counters);

    private static VirtualMifareClassicCard ClassicCard(string uid, string keyA, string memberNumber)
    {
        var card = new VirtualMifareClassicCard(Convert.FromHexString(uid));
        card.SetSectorKeys(1, Convert.FromHexString(keyA), Convert.FromHexString("B0B1B2B3B4B5"));
        card.SetBlock(4, MemberNumberBlock.Encode(new MemberNumber(memberNumber)));
        return card;
    }
}
