using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Rewards;

[Trait("Category", TestCategories.Unit)]
public sealed class VoucherCodeTests
{
    [Fact]
    public void From_IsEightUnambiguousSymbolsInTwoGroups()
    {
        var code = VoucherCode.From([0xFF, 0x12, 0x00, 0xAB, 0x7C]);

        Assert.Matches("^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$", code);
        Assert.True(VoucherCode.IsValid(code));
    }

    [Fact]
    public void From_IsAFunctionOfTheRandomBytes()
    {
        Assert.Equal(VoucherCode.From([1, 2, 3, 4, 5]), VoucherCode.From([1, 2, 3, 4, 5]));
        Assert.NotEqual(VoucherCode.From([1, 2, 3, 4, 5]), VoucherCode.From([1, 2, 3, 4, 6]));
    }

    [Fact]
    public void From_ManyRandomCodes_AreAllDistinct()
    {
        var random = new Random(42);
        var bytes = new byte[VoucherCode.RandomBytes];
        var codes = Enumerable.Range(0, 10_000).Select(_ =>
        {
            random.NextBytes(bytes);
            return VoucherCode.From(bytes);
        }).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void From_RefusesTheWrongAmountOfRandomness() =>
        Assert.Throws<ArgumentException>(() => VoucherCode.From([1, 2, 3]));

    [Theory]
    [InlineData("K7QX-4MRD", true)]
    [InlineData("K7QX4MRD", false)]
    [InlineData("K7QX-4MR0", false)]
    [InlineData("K7QX-4MRI", false)]
    [InlineData("k7qx-4mrd", false)]
    [InlineData("", false)]
    public void IsValid_KnowsTheFormat(string code, bool valid) => Assert.Equal(valid, VoucherCode.IsValid(code));

    [Fact]
    public void QrPayload_CarriesVersionCodeAndTransaction() =>
        Assert.Equal("KV1:K7QX-4MRD:0193-abc", VoucherCode.QrPayload("K7QX-4MRD", "0193-abc"));
}
