using KioskAgent.Camera;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class VoucherQrCodeTests
{
    [Theory]
    [InlineData("KV1:abcdefghijklmnop", null)]
    [InlineData("KV1:K7QX-4MRD:0193a7a0-1b2c-7d4e-8f60-718293a4b5c6", null)] // a voucher this kiosk printed
    [InlineData("KV2:abcdefghijklmnop", "unsupported_version")]
    [InlineData("KV1:short", "bad_length")]
    [InlineData("KV1:abcdefghijklmno!", "bad_characters")]
    public void Problem_NamesWhatIsWrong(string payload, string? problem) => Assert.Equal(problem, VoucherQrCode.Problem(payload));
}
