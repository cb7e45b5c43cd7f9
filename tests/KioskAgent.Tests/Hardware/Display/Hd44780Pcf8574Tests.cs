using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Display.Lcd;
using KioskAgent.Hardware.Display.Screens;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Display;

[Trait("Category", TestCategories.Unit)]
public sealed class Hd44780Pcf8574Tests
{
    private readonly RecordingI2cDevice _i2c = new();
    private readonly List<TimeSpan> _delays = [];

    [Fact]
    public void Constructor_Always_RunsTheFourBitInitialisationSequence()
    {
        using var lcd = NewLcd();

        byte[][] expected =
        [
            [0x38, 0x3C, 0x38], // 0x3: function set (8-bit), backlight bit 3 on, E (bit 2) strobed
            [0x38, 0x3C, 0x38],
            [0x38, 0x3C, 0x38],
            [0x28, 0x2C, 0x28], // 0x2: switch to 4-bit
            [0x28, 0x2C, 0x28, 0x88, 0x8C, 0x88], // 0x28 function set: 4-bit, 2 lines, 5x8
            [0x08, 0x0C, 0x08, 0x88, 0x8C, 0x88], // 0x08 display off
            [0x08, 0x0C, 0x08, 0x18, 0x1C, 0x18], // 0x01 clear
            [0x08, 0x0C, 0x08, 0x68, 0x6C, 0x68], // 0x06 entry mode increment
            [0x08, 0x0C, 0x08, 0xC8, 0xCC, 0xC8], // 0x0C display on
        ];
        Assert.Equal(expected, _i2c.Writes);
    }

    [Fact]
    public void Constructor_Always_WaitsTheDatasheetMinimums()
    {
        using var lcd = NewLcd();

        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(4.1), TimeSpan.FromMicroseconds(100), TimeSpan.FromMilliseconds(1.52)], _delays);
    }

    [Fact]
    public async Task ShowAsync_Greeting_SetsDdramAddressesAndWritesRomCodes()
    {
        using var lcd = NewLcd();
        _i2c.ClearWrites();

        await lcd.ShowAsync(new CustomerDisplayScreens(DisplayTexts.English, 16).Greeting("A*** S***", "Gold"));

        var expected = new List<(bool, byte)> { (false, 0x80) };
        expected.AddRange("Hello A*** S*** ".Select(c => (true, (byte)c)));
        expected.Add((false, 0xC0));
        expected.AddRange("Gold            ".Select(c => (true, (byte)c)));
        Assert.Equal(expected, DecodeTransfers(_i2c.Writes));
    }

    [Fact]
    public async Task ShowAsync_BalanceOn20x4_UsesRowOffsetsAndYenFromRomA00()
    {
        using var lcd = NewLcd(columns: 20, rows: 4);
        _i2c.ClearWrites();

        await lcd.ShowAsync(new CustomerDisplayScreens(DisplayTexts.English, 20).Balance(12.5m, 30));

        var decoded = DecodeTransfers(_i2c.Writes);
        Assert.Equal((false, (byte)0x80), decoded[0]);
        Assert.Equal((false, (byte)0xC0), decoded[21]);
        var upper = decoded.Skip(1).Take(20).Select(d => d.Value).ToArray();
        Assert.Equal([.. "Balance       "u8, 0x5C, .. "12.50"u8], upper); // ¥ is 0x5C in ROM A00
    }

    [Fact]
    public void Write_UnsupportedCharacters_BecomeQuestionMarks()
    {
        using var lcd = NewLcd();
        _i2c.ClearWrites();

        lcd.Write("王\\~é");

        Assert.Equal("????"u8.ToArray(), DecodeTransfers(_i2c.Writes).Select(d => d.Value).ToArray());
    }

    [Fact]
    public void Backlight_Off_ClearsBitThreeInEveryLaterByte()
    {
        using var lcd = NewLcd();
        _i2c.ClearWrites();

        lcd.Backlight = false;
        lcd.Write("A");

        Assert.Equal([0x00], _i2c.Writes[0]);
        Assert.All(_i2c.Writes[1], b => Assert.Equal(0, b & 0x08));
    }

    [Fact]
    public async Task ShowAsync_I2cFails_ReportsFaultWithoutThrowing()
    {
        using var lcd = NewLcd();
        _i2c.Fail = true;

        await lcd.ShowAsync(new DisplayLines("x", "y"));

        Assert.Equal((DeviceState.Fault, "i2c_error"), (lcd.Health.State, lcd.Health.Reason));
    }

    [Theory]
    [InlineData('¥', 0x5C)]
    [InlineData('°', 0xDF)]
    [InlineData('→', 0x7E)]
    [InlineData('µ', 0xE4)]
    [InlineData('A', 0x41)]
    public void Map_RomA00Characters_GiveTheirCodes(char c, byte code) => Assert.Equal(code, Hd44780RomA00.Map(c));

    private Hd44780Pcf8574 NewLcd(int columns = 16, int rows = 2) => new(_i2c, columns, rows, shouldDispose: false, _delays.Add);

    /// <summary>
    /// Reads the transfers back as the HD44780 would: every nibble is three expander bytes
    /// (E low, E high, E low) with the backlight on; the high nibble comes first.
    /// </summary>
    private static List<(bool Data, byte Value)> DecodeTransfers(IEnumerable<byte[]> writes)
    {
        var result = new List<(bool, byte)>();
        foreach (var write in writes)
        {
            Assert.Equal(6, write.Length);
            var high = Strobe(write.AsSpan(0, 3));
            var low = Strobe(write.AsSpan(3, 3));
            Assert.Equal(high & 0x01, low & 0x01);
            result.Add(((high & 0x01) == 1, (byte)((high & 0xF0) | (low >> 4))));
        }

        return result;
    }

    private static byte Strobe(ReadOnlySpan<byte> triple)
    {
        Assert.Equal(triple[0], triple[2]);
        Assert.Equal(triple[0] | 0x04, triple[1]);
        Assert.Equal(0, triple[0] & 0x04);
        return triple[0];
    }
}
