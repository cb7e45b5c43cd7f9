using KioskAgent.Hardware.Pcsc.Watching;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Pcsc;

[Trait("Category", TestCategories.Unit)]
public sealed class ReaderNameMatcherTests
{
    private static readonly string[] Readers =
    [
        "ACS ACR122U PICC Interface 00 00",
        "Virtual PCD 00 00",
        "Virtual PCD 00 01",
    ];

    [Theory]
    [InlineData("Virtual PCD 00 01", "Virtual PCD 00 01")]
    [InlineData("ACS ACR122U", "ACS ACR122U PICC Interface 00 00")]
    [InlineData("virtual pcd", "Virtual PCD 00 00")]
    [InlineData("PCD 00 01", "Virtual PCD 00 01")]
    [InlineData("ACR122U PICC", "ACS ACR122U PICC Interface 00 00")]
    public void Find_PrefersExactThenPrefixThenSubstring(string pattern, string expected)
    {
        Assert.Equal(expected, ReaderNameMatcher.Find(Readers, pattern));
    }

    [Fact]
    public void Find_NoMatch_ReturnsNull()
    {
        Assert.Null(ReaderNameMatcher.Find(Readers, "OMNIKEY"));
    }
}
