using KioskAgent.Hardware.Card.Crypto;
using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.VirtualCards;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class CardIdentityResolverTests
{
    private const string MetaKey = "000102030405060708090A0B0C0D0E0F";
    private const string FileKey = "F0E0D0C0B0A090807060504030201000";
    private static readonly byte[] Uid = Convert.FromHexString("04DE5F1EACC040");
    private readonly InMemorySunCounterStore _counters = new();

    private CardIdentityResolver Resolver(CardIdentityMode mode, string systemIdentifier = "") => new(
        Options.Create(new CardIdentityOptions { Mode = mode, Sun = new SunIdentityOptions { MetaReadKey = MetaKey, FileReadKey = FileKey, SystemIdentifier = systemIdentifier } }),
        _counters);

    private static CardPresented Tap(IVirtualCard card, byte[] uid) =>
        new("r1", CardUid.FromBytes(uid), CardTechnology.Iso14443A4, DateTimeOffset.UnixEpoch, new VirtualCardTransceiver(card), card.Atr);

    private static VirtualNtag424Card Card(byte[]? fileKey = null) =>
        new(Uid, Convert.FromHexString(MetaKey), fileKey ?? Convert.FromHexString(FileKey));

    [Fact]
    public void UidOnly_IdentifiesByUid_AndIsWeak()
    {
        var result = Resolver(CardIdentityMode.UidOnly).Resolve(new CardPresented("r1", CardUid.Parse("01020304"), CardTechnology.Id125Khz, DateTimeOffset.UnixEpoch));

        Assert.True(result.Succeeded);
        Assert.Equal("01020304", result.Identity!.Uid.Hex);
        Assert.True(result.Identity.IsWeak);
    }

    [Fact]
    public void Secure_GenuineTaps_AreAccepted_EachWithAHigherCounter()
    {
        var resolver = Resolver(CardIdentityMode.Secure);
        var card = Card();

        var first = resolver.Resolve(Tap(card, Uid));
        var second = resolver.Resolve(Tap(card, Uid));

        Assert.True(first.Succeeded, first.RefusalReason);
        Assert.True(second.Succeeded, second.RefusalReason);
        Assert.Equal("04DE5F1EACC040", first.Identity!.Uid.Hex);
        Assert.False(first.Identity.IsWeak);
    }

    [Fact]
    public void Secure_ReplayedUrl_IsRefused()
    {
        var resolver = Resolver(CardIdentityMode.Secure);
        var card = Card();
        Assert.True(resolver.Resolve(Tap(card, Uid)).Succeeded);

        card.ReplayPreviousUrl = true;
        var replay = resolver.Resolve(Tap(card, Uid));

        Assert.False(replay.Succeeded);
        Assert.Equal(SunRefusalReasons.Replayed, replay.RefusalReason);
    }

    [Fact]
    public void Secure_WrongCmac_IsRefused()
    {
        var card = Card();
        card.CorruptMac = true;

        var result = Resolver(CardIdentityMode.Secure).Resolve(Tap(card, Uid));

        Assert.Equal(SunRefusalReasons.BadCmac, result.RefusalReason);
    }

    [Fact]
    public void Secure_CardPersonalisedWithAnotherKey_IsRefused()
    {
        var result = Resolver(CardIdentityMode.Secure).Resolve(Tap(Card(new byte[16]), Uid));
        Assert.Equal(SunRefusalReasons.BadCmac, result.RefusalReason);
    }

    [Fact]
    public void Secure_DiversifiedPerCardKey_IsAccepted()
    {
        var systemIdentifier = Convert.FromHexString("4B494F534B");
        var cardKey = KeyDiversification.DiversifyAes128(Convert.FromHexString(FileKey), Uid, [], systemIdentifier);

        var result = Resolver(CardIdentityMode.Secure, "4B494F534B").Resolve(Tap(Card(cardKey), Uid));

        Assert.True(result.Succeeded, result.RefusalReason);
    }

    [Fact]
    public void Secure_SignedUidDiffersFromTheUidInTheField_IsRefused()
    {
        var result = Resolver(CardIdentityMode.Secure).Resolve(Tap(Card(), Convert.FromHexString("04AAAAAAAAAAAA")));
        Assert.Equal("sun_uid_mismatch", result.RefusalReason);
    }

    [Fact]
    public void Secure_CardWithoutTransceiver_IsRefused()
    {
        var result = Resolver(CardIdentityMode.Secure).Resolve(new CardPresented("r1", CardUid.FromBytes(Uid), CardTechnology.Id125Khz, DateTimeOffset.UnixEpoch));
        Assert.Equal("identity_not_a_smart_card", result.RefusalReason);
    }

    [Fact]
    public void Secure_StorageCardInsteadOfNtag424_IsRefusedNotCrashed()
    {
        var classic = new VirtualUidOnlyCard();
        var result = Resolver(CardIdentityMode.Secure).Resolve(Tap(classic, Uid));
        Assert.False(result.Succeeded);
        Assert.StartsWith("ndef_", result.RefusalReason, StringComparison.Ordinal);
    }

    private const string SiteKey = "A0A1A2A3A4A5";

    private CardIdentityResolver SectorResolver() => new(
        Options.Create(new CardIdentityOptions { Mode = CardIdentityMode.Sector, Sector = new MemberNumberOptions { Sector = 1, BlockInSector = 0, Key = SiteKey, KeyType = MifareKeyType.A } }),
        _counters);

    private static VirtualMifareClassicCard ClassicCard(string memberNumber, string key = SiteKey)
    {
        var card = new VirtualMifareClassicCard(Convert.FromHexString("04A1B2C3"));
        card.SetSectorKeys(1, Convert.FromHexString(key), Convert.FromHexString("B0B1B2B3B4B5"));
        card.SetBlock(4, MemberNumberBlock.Encode(new MemberNumber(memberNumber)));
        return card;
    }

    [Fact]
    public void Sector_MemberNumberReadWithTheSiteKey_IdentifiesTheMember()
    {
        var card = ClassicCard("88001234");

        var result = SectorResolver().Resolve(Tap(card, card.Uid));

        Assert.True(result.Succeeded, result.RefusalReason);
        Assert.Equal("88001234", result.Identity!.MemberNumber);
        Assert.False(result.Identity.IsWeak);
    }

    [Fact]
    public void Sector_CardWithAnotherSitesKey_IsRefused()
    {
        var card = ClassicCard("88001234", "FFFFFFFFFFFF");
        var result = SectorResolver().Resolve(Tap(card, card.Uid));
        Assert.Equal("sector_auth_failed", result.RefusalReason);
    }

    [Fact]
    public void Sector_BlankCard_IsRefusedAsBadFormat()
    {
        var card = new VirtualMifareClassicCard(Convert.FromHexString("04A1B2C3"));
        card.SetSectorKeys(1, Convert.FromHexString(SiteKey), Convert.FromHexString("B0B1B2B3B4B5"));

        var result = SectorResolver().Resolve(Tap(card, card.Uid));

        Assert.Equal("sector_format_invalid", result.RefusalReason);
    }

    [Fact]
    public void Options_SectorWithBadKey_IsAProblem() =>
        Assert.Contains(new CardIdentityOptions { Mode = CardIdentityMode.Sector, Sector = new MemberNumberOptions { Key = "XYZ" } }.Problems(), p => p.StartsWith("CardIdentity:Sector:", StringComparison.Ordinal));

    [Fact]
    public void Options_SecureWithoutKeys_NamesTheMissingKeys()
    {
        var problems = new CardIdentityOptions { Mode = CardIdentityMode.Secure }.Problems().ToList();
        Assert.Contains(problems, p => p.Contains("MetaReadKey", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("FileReadKey", StringComparison.Ordinal));
    }

    private sealed class VirtualUidOnlyCard : IVirtualCard
    {
        public byte[] Atr { get; } = [0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x6A];

        public byte[] Process(byte[] commandApdu) => [0x6A, 0x82];
    }
}
