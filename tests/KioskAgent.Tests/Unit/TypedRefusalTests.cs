using KioskAgent.Contracts.V1;
using KioskAgent.Feedback;
using KioskAgent.Hardware.Card;
using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.VirtualCards;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Unit;

/// <summary>
/// Whether a refused card is asked to tap again is decided where the failure arose (a failed
/// exchange vs. a card that answered but is not verified), never by reading the reason's words.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class TypedRefusalTests
{
    private const string MetaKey = "000102030405060708090A0B0C0D0E0F";
    private const string FileKey = "F0E0D0C0B0A090807060504030201000";
    private static readonly byte[] Uid = Convert.FromHexString("04DE5F1EACC040");

    [Fact]
    public void SecureCard_WhoseReadIsCutShort_IsUnreadable_AndAskedToTapAgain()
    {
        // READ BINARY answers 90 00 with no data: the card left the field mid-read.
        var card = new FaultInjectingCard(Ntag424()).AnswerWith([0x00, 0xB0], [0x90, 0x00]);

        var outcome = TapRefusals.ForIdentityFailure(Resolve(card));

        Assert.Equal("card_read_ndef_read_failed", outcome.ReasonCode);
        Assert.Contains("tap again", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecureCard_WithAForgedSignature_IsNotVerified_AndNotAskedToRetry()
    {
        var outcome = TapRefusals.ForIdentityFailure(Resolve(new VirtualNtag424Card(Uid, Convert.FromHexString(MetaKey), new byte[16])));

        Assert.Equal("card_identity_sun_bad_cmac", outcome.ReasonCode);
        Assert.DoesNotContain("tap again", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReasonWords_DoNotDecide_TheTypedKindDoes()
    {
        var notVerified = TapRefusals.ForIdentityFailure(CardIdentityResult.Refused("removed_read_failed_communication", "policy"));
        var unreadable = TapRefusals.ForIdentityFailure(CardIdentityResult.Unreadable("odd_answer", "short frame"));

        Assert.Equal("card_identity_removed_read_failed_communication", notVerified.ReasonCode);
        Assert.Equal("card_read_odd_answer", unreadable.ReasonCode);
    }

    [Fact]
    public void PoleDisplayWording_FollowsTheTypedKind_NotTheCodesPrefix()
    {
        // A reason that already starts with "card_" keeps its own code (no card_read_ prefix to recognise).
        var moved = TapRefusals.ForReadFailure("card_moved");
        var forged = TapRefusals.ForIdentityFailure(CardIdentityResult.Refused("sun_bad_cmac", "policy"));

        Assert.Equal(("card_moved", CardFailureKind.Unreadable), (moved.ReasonCode, moved.CardFailure));
        Assert.Equal(CardFailureKind.NotVerified, forged.CardFailure);
        Assert.Equal("Please tap again", TapFeedback.ShortReason(new RefusalView { ReasonCode = "card_moved", CardFailure = CardFailure.Unreadable }));
        Assert.Equal("Card not verified", TapFeedback.ShortReason(new RefusalView { ReasonCode = "card_identity_sun_bad_cmac", CardFailure = CardFailure.NotVerified }));
        Assert.Equal("Please ask staff", TapFeedback.ShortReason(new RefusalView { ReasonCode = "card_read_uid_read_failed" }));
        Assert.Equal("Card reported lost", TapFeedback.ShortReason(new RefusalView { ReasonCode = "card_lost" }));
    }

    private static VirtualNtag424Card Ntag424() => new(Uid, Convert.FromHexString(MetaKey), Convert.FromHexString(FileKey));

    private static CardIdentityResult Resolve(IVirtualCard card)
    {
        var resolver = new CardIdentityResolver(
            Options.Create(new CardIdentityOptions { Mode = CardIdentityMode.Secure, Sun = new SunIdentityOptions { MetaReadKey = MetaKey, FileReadKey = FileKey } }),
            new InMemorySunCounterStore());
        return resolver.Resolve(new CardPresented("r1", CardUid.FromBytes(Uid), CardTechnology.Iso14443A4, DateTimeOffset.UnixEpoch, new VirtualCardTransceiver(card), card.Atr));
    }
}
