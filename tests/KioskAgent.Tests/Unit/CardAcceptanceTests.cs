using KioskAgent.Members;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class CardAcceptanceTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Member MemberWith(CardState state, DateOnly? validUntil = null) => new()
    {
        MemberNumber = "M1",
        Name = "王小明",
        Cards = [new MemberCard { Uid = "04A1B2C3", State = state, ValidUntil = validUntil }],
    };

    [Fact]
    public void Decide_ActiveCard_IsAccepted()
    {
        var outcome = CardAcceptance.Decide(MemberWith(CardState.Active), "04A1B2C3", Today);
        Assert.True(outcome.Accepted);
        Assert.Equal("M1", outcome.Member!.MemberNumber);
    }

    [Fact]
    public void Decide_UnknownCard_IsRefusedAsUnknown()
    {
        var outcome = CardAcceptance.Decide(null, "FFFF", Today);
        Assert.False(outcome.Accepted);
        Assert.Equal("card_unknown", outcome.ReasonCode);
    }

    [Theory]
    [InlineData(CardState.Lost, "card_lost", "挂失")]
    [InlineData(CardState.Frozen, "card_frozen", "冻结")]
    [InlineData(CardState.Cancelled, "card_cancelled", "注销")]
    [InlineData(CardState.Expired, "card_expired", "过期")]
    [InlineData(CardState.Replaced, "card_replaced", "补办")]
    public void Decide_InactiveCard_IsRefusedWithItsReason(CardState state, string code, string words)
    {
        var outcome = CardAcceptance.Decide(MemberWith(state), "04A1B2C3", Today);
        Assert.False(outcome.Accepted);
        Assert.Equal(code, outcome.ReasonCode);
        Assert.Contains(words, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ActiveCardPastItsValidity_IsRefusedAsExpired()
    {
        var outcome = CardAcceptance.Decide(MemberWith(CardState.Active, Today.AddDays(-1)), "04A1B2C3", Today);
        Assert.Equal("card_expired", outcome.ReasonCode);
    }

    [Fact]
    public void Decide_ActiveCardOnItsLastValidDay_IsAccepted() =>
        Assert.True(CardAcceptance.Decide(MemberWith(CardState.Active, Today), "04A1B2C3", Today).Accepted);

    [Fact]
    public void Decide_CardOfAnotherMember_IsUnknown()
    {
        var outcome = CardAcceptance.Decide(MemberWith(CardState.Active), "99999999", Today);
        Assert.Equal("card_unknown", outcome.ReasonCode);
    }
}
