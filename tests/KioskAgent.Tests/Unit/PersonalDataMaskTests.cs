using KioskAgent.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("王小明", "王*明")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("李", "*")]
    [InlineData("Alice Smith", "A**** S****")]
    [InlineData("Bob", "B**")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void Name_MasksAllButTheEdges(string? name, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Name(name));

    [Fact]
    public void Name_KeepsSurrogatePairsWhole()
    {
        // 𠀋 is outside the BMP (two UTF-16 code units); masking must not split it.
        var masked = PersonalDataMask.Name("𠀋一二");
        Assert.Equal("𠀋*二", masked);
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("8675309", "*****09")]
    [InlineData("", "")]
    public void Phone_ShowsOnlyPrefixAndLastDigits(string phone, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Phone(phone));
}
