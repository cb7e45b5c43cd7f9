using System.Text;
using KioskAgent.Hardware.Printer.EscPos;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Printer;

[Trait("Category", TestCategories.Unit)]
public sealed class EscPosBuilderTests
{
    [Fact]
    public void Initialize_Always_EmitsEscAt() =>
        Assert.Equal([0x1B, 0x40], new EscPosBuilder().Initialize().ToArray());

    [Theory]
    [InlineData(Alignment.Left, 0)]
    [InlineData(Alignment.Center, 1)]
    [InlineData(Alignment.Right, 2)]
    public void Align_EachAlignment_EmitsEscA(Alignment alignment, byte n) =>
        Assert.Equal([0x1B, 0x61, n], new EscPosBuilder().Align(alignment).ToArray());

    [Fact]
    public void CharacterSize_DoubleWidthTripleHeight_PacksWidthHighNibble() =>
        Assert.Equal([0x1D, 0x21, 0x12], new EscPosBuilder().CharacterSize(2, 3).ToArray());

    [Fact]
    public void CharacterSize_NineTimes_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EscPosBuilder().CharacterSize(9, 1));

    [Fact]
    public void Bold_OnThenOff_EmitsEscE()
    {
        var bytes = new EscPosBuilder().Bold(true).Bold(false).ToArray();

        Assert.Equal([0x1B, 0x45, 0x01, 0x1B, 0x45, 0x00], bytes);
    }

    [Fact]
    public void Line_Ascii_IsPlainBytesAndLf() =>
        Assert.Equal([(byte)'O', (byte)'K', 0x0A], new EscPosBuilder().Line("OK").ToArray());

    [Fact]
    public void Line_Chinese_IsGb18030InsideChineseMode()
    {
        var bytes = new EscPosBuilder().Line("会员A").ToArray();

        // 会 = BB E1, 员 = D4 B1 in GB2312/GB18030.
        Assert.Equal([0x1C, 0x26, 0xBB, 0xE1, 0xD4, 0xB1, 0x41, 0x1C, 0x2E, 0x0A], bytes);
    }

    [Fact]
    public void Text_WithEscapeCharacter_CannotInjectACommand()
    {
        var bytes = new EscPosBuilder().Text("A\u001B@B").ToArray();

        Assert.Equal("A?@B", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Feed_ThreeLines_EmitsEscD() =>
        Assert.Equal([0x1B, 0x64, 0x03], new EscPosBuilder().Feed(3).ToArray());

    [Fact]
    public void QrCode_Payload_EmitsFunctions165To181InOrder()
    {
        var bytes = new EscPosBuilder().QrCode("AB", moduleSize: 5, QrErrorCorrection.Q).ToArray();

        byte[] expected =
        [
            0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00, // 165: model 2
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x05, // 167: module size 5
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x32, // 169: level Q
            0x1D, 0x28, 0x6B, 0x05, 0x00, 0x31, 0x50, 0x30, 0x41, 0x42, // 180: store "AB" (pL = 2 + 3)
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30, // 181: print
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void QrCode_LongPayload_SplitsLengthIntoPlPh()
    {
        var bytes = new EscPosBuilder().QrCode(new string('x', 300)).ToArray();

        var store = bytes.AsSpan().IndexOf("1P0"u8); // cn fn m of function 180, after pL pH
        Assert.Equal((byte)(303 & 0xFF), bytes[store - 2]);
        Assert.Equal((byte)(303 >> 8), bytes[store - 1]);
    }

    [Fact]
    public void Code128_Data_EmitsHeightWidthHriAndCodeSetB()
    {
        var bytes = new EscPosBuilder().Code128("T-42", height: 60, moduleWidth: 3).ToArray();

        byte[] expected = [0x1D, 0x68, 60, 0x1D, 0x77, 3, 0x1D, 0x48, 2, 0x1D, 0x6B, 73, 6, (byte)'{', (byte)'B', (byte)'T', (byte)'-', (byte)'4', (byte)'2'];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Code128_ChineseData_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new EscPosBuilder().Code128("会员"));

    [Theory]
    [InlineData(CutMode.Full, 0x41)]
    [InlineData(CutMode.Partial, 0x42)]
    public void Cut_Mode_EmitsGsVFunctionB(CutMode mode, byte m) =>
        Assert.Equal([0x1D, 0x56, m, 0x00], new EscPosBuilder().Cut(mode).ToArray());
}
