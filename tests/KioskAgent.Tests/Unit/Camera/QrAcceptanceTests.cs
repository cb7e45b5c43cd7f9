using KioskAgent.Members;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class QrAcceptanceTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static Member With(params CardState[] states) => new()
    {
        MemberNumber = "M1",
        QrToken = "KM1:abcdefghijklmnop",
        Cards = [.. states.Select((s, i) => new MemberCard { Uid = $"0{i}A1B2C3", State = s })],
    };

    [Fact]
    public void UnknownCode_IsRefusedAsUnknown() => Assert.Equal("qr_unknown", QrAcceptance.Decide(null, Today).ReasonCode);

    [Fact]
    public void DigitalOnlyMember_IsAccepted() => Assert.True(QrAcceptance.Decide(With(), Today).Accepted);

    [Fact]
    public void MemberWhosePlasticCardIsLost_CanStillUseThePhone() => Assert.True(QrAcceptance.Decide(With(CardState.Lost), Today).Accepted);

    [Fact]
    public void FrozenAccount_IsRefusedForTheSameReasonAsItsCard() => Assert.Equal("card_frozen", QrAcceptance.Decide(With(CardState.Lost, CardState.Frozen), Today).ReasonCode);

    [Fact]
    public void OneActiveCard_IsEnough() => Assert.True(QrAcceptance.Decide(With(CardState.Cancelled, CardState.Active), Today).Accepted);

    [Fact]
    public void ExpiredMembership_IsRefused()
    {
        var member = With(CardState.Active);
        member.Cards[0].ValidUntil = Today.AddDays(-1);

        Assert.Equal("card_expired", QrAcceptance.Decide(member, Today).ReasonCode);
    }
}
