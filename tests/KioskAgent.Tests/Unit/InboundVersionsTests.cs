using KioskAgent.CentralLink;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class InboundVersionsTests
{
    [Theory]
    [InlineData(0ul, 1ul, true)]
    [InlineData(0ul, InboundVersions.Ceiling, true)]
    [InlineData(0ul, InboundVersions.Ceiling + 1, false)]
    [InlineData(0ul, ulong.MaxValue, false)]
    [InlineData(10ul, 10ul + InboundVersions.MaxStep, true)]
    [InlineData(10ul, 11ul + InboundVersions.MaxStep, false)]
    [InlineData(10ul, 3ul, true)]
    [InlineData(InboundVersions.Ceiling - 5, InboundVersions.Ceiling, true)]
    [InlineData(InboundVersions.Ceiling, InboundVersions.Ceiling + 1, false)]
    public void MayFollow_BoundsTheStepAndTheCeiling_NotOlderVersions(ulong current, ulong proposed, bool allowed)
    {
        Assert.Equal(allowed, InboundVersions.MayFollow(current, proposed));
    }

    [Fact]
    public void Ceiling_IsTheLargestIntegerEveryJsonConsumerReadsExactly()
    {
        Assert.Equal(9_007_199_254_740_991ul, InboundVersions.Ceiling);
        Assert.Equal(InboundVersions.Ceiling, (ulong)(double)InboundVersions.Ceiling);
        Assert.True(InboundVersions.IsBeyondCeiling(ulong.MaxValue));
    }
}
