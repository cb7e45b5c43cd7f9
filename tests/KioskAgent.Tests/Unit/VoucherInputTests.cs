using KioskAgent.Tests.Testing;
using KioskAgent.Vouchers;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class VoucherInputTests
{
    [Theory]
    [InlineData("K7QX-4MRD")]
    [InlineData("k7qx4mrd")]
    [InlineData(" K7QX 4MRD ")]
    public void TypedCodes_AreReadWhateverTheCaseSpacesAndHyphen(string typed)
    {
        Assert.Equal(new VoucherInput("K7QX-4MRD", ""), VoucherInput.Parse(typed));
    }

    [Fact]
    public void APrintedQr_GivesTheCodeAndTheRedemptionTransaction()
    {
        var tx = Guid.CreateVersion7().ToString();

        Assert.Equal(new VoucherInput("K7QX-4MRD", tx), VoucherInput.Parse(global::KioskAgent.Rewards.VoucherCode.QrPayload("K7QX-4MRD", tx)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("K7QX-4MR")]
    [InlineData("K7QX-4MRD1")]
    [InlineData("K7QX-4MR0")] // 0 is not in the alphabet
    [InlineData("KV1:K7QX-4MRD")]
    [InlineData("KV1:K7QX-4MRD:not-a-uuid")]
    [InlineData("KV2:K7QX-4MRD:0193a7a0-0000-7000-8000-000000000000")]
    public void AnythingElse_IsNoVoucher(string text)
    {
        Assert.Null(VoucherInput.Parse(text));
    }

    [Fact]
    public void OverlongInput_IsNoVoucher()
    {
        Assert.Null(VoucherInput.Parse(new string('K', VoucherInput.MaxLength + 1)));
    }
}
