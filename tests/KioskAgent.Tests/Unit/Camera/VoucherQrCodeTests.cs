using KioskAgent.Camera;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class VoucherQrCodeTests
{
    [Theory]
    [InlineData("KV1:abcdefghijklmnop", null)]
    [InlineData("KV2:abcdefghijklmnop", "unsupported_version")]
    [InlineData("KV1:short", "bad_length")]
    [InlineData("KV1:abcdefghijklmno!", "bad_characters")]
    public void Problem_NamesWhatIsWrong(string payload, string? problem) => Assert.Equal(problem, VoucherQrCode.Problem(payload));
}
