using System.Device.I2c;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Display.Lcd;

/// <summary>
/// An HD44780 character LCD (16×2, 20×4) behind a PCF8574 I2C backpack, driven in 4-bit mode
/// (HD44780U datasheet, Figure 24 "4-Bit Interface" initialisation). Each nibble goes out as three
/// expander writes — data with E low (address set-up tAS), E high, E low (latched on the falling
/// edge) — in one I2C transaction. At 100 kHz a byte takes 90 µs, longer than E's minimum pulse
/// (450 ns) and the 37 µs most instructions need, so only clear and initialisation wait explicitly.
/// Text is limited to ROM A00 (<see cref="Hd44780RomA00"/>).
/// </summary>
public sealed class Hd44780Pcf8574 : ICustomerDisplay
{
    private readonly I2cDevice _i2cDevice;
    private readonly bool _shouldDispose;
    private readonly Action<TimeSpan> _delay;
    private readonly Lock _gate = new();
    private bool _backlight = true;
    private volatile DeviceHealth _health = DisplayHealth.NotOpened;

    public Hd44780Pcf8574(I2cDevice i2cDevice, int columns = 16, int rows = 2, bool shouldDispose = true)
        : this(i2cDevice, columns, rows, shouldDispose, SleepAtLeast)
    {
    }

    /// <summary>Tests pass a delay recorder instead of sleeping.</summary>
    internal Hd44780Pcf8574(I2cDevice i2cDevice, int columns, int rows, bool shouldDispose, Action<TimeSpan> delay)
    {
        ArgumentNullException.ThrowIfNull(i2cDevice);
        if (columns is not (8 or 16 or 20 or 24 or 40) || rows is not (1 or 2 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"{columns}×{rows} is not an HD44780 module size.");
        }

        (_i2cDevice, Columns, Rows, _shouldDispose, _delay) = (i2cDevice, columns, rows, shouldDispose, delay);
        Initialize();
    }

    public int Columns { get; }

    public int Rows { get; }

    public DeviceHealth Health => _health;

    /// <summary>The backpack's P3: switching it writes the expander at once.</summary>
    public bool Backlight
    {
        get => _backlight;
        set
        {
            _backlight = value;
            Guard(() => _i2cDevice.WriteByte(Flags(BackpackBits.None)));
        }
    }

    public Task ShowAsync(DisplayLines lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Guard(() =>
        {
            WriteLine(0, lines.Upper);
            if (Rows > 1)
            {
                WriteLine(1, lines.Lower);
            }
        });
        return Task.CompletedTask;
    }

    public Task ClearAsync(CancellationToken cancellationToken = default)
    {
        Guard(Clear);
        return Task.CompletedTask;
    }

    /// <summary>Moves the cursor: Set DDRAM address (0x80 | address); rows start at 0x00, 0x40, then 0x00 + columns, 0x40 + columns.</summary>
    public void SetCursor(int column, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        int[] rowStart = [0x00, 0x40, Columns, 0x40 + Columns];
        Command((byte)(0x80 | (rowStart[row] + column)));
    }

    /// <summary>Writes ROM A00 codes at the cursor.</summary>
    public void Write(string text)
    {
        lock (_gate)
        {
            foreach (var code in Hd44780RomA00.Map(text))
            {
                WriteByte(code, BackpackBits.RegisterSelect);
            }
        }
    }

    public void Dispose()
    {
        if (_shouldDispose)
        {
            _i2cDevice.Dispose();
        }
    }

    private void Initialize()
    {
        lock (_gate)
        {
            _delay(TimeSpan.FromMilliseconds(50)); // > 40 ms after VCC rises to 2.7 V
            WriteNibble(0x3, BackpackBits.None); // function set, 8-bit interface
            _delay(TimeSpan.FromMilliseconds(4.1)); // > 4.1 ms
            WriteNibble(0x3, BackpackBits.None);
            _delay(TimeSpan.FromMicroseconds(100)); // > 100 µs
            WriteNibble(0x3, BackpackBits.None);
            WriteNibble(0x2, BackpackBits.None); // now 4-bit: every byte after this goes as two nibbles
            Command((byte)(Rows > 1 ? 0x28 : 0x20)); // function set: 4-bit, N = 2 lines, F = 5×8 dots
            Command(0x08); // display off
            Clear();
            Command(0x06); // entry mode: increment, no shift
            Command(0x0C); // display on, cursor off, blink off
        }

        _health = DisplayHealth.Ok;
    }

    private void Clear()
    {
        Command(0x01);
        _delay(TimeSpan.FromMilliseconds(1.52)); // clear display takes 1.52 ms
    }

    private void WriteLine(int row, string text)
    {
        SetCursor(0, row);
        Write(Screens.DisplayText.PadToWidth(text, Columns));
    }

    private void Command(byte instruction)
    {
        lock (_gate)
        {
            WriteByte(instruction, BackpackBits.None);
        }
    }

    private void WriteByte(byte value, BackpackBits mode)
    {
        var high = Nibble(value >> 4, mode);
        var low = Nibble(value & 0x0F, mode);
        _i2cDevice.Write([.. high, .. low]);
    }

    private void WriteNibble(int nibble, BackpackBits mode) => _i2cDevice.Write(Nibble(nibble, mode));

    private byte[] Nibble(int nibble, BackpackBits mode)
    {
        var data = (byte)((nibble & 0x0F) << 4 | Flags(mode));
        return [data, (byte)(data | (byte)BackpackBits.Enable), data];
    }

    private byte Flags(BackpackBits mode) => (byte)(mode | (_backlight ? BackpackBits.Backlight : BackpackBits.None));

    private void Guard(Action action)
    {
        try
        {
            action();
            _health = DisplayHealth.Ok;
        }
        catch (IOException ex)
        {
            _health = new DeviceHealth(DeviceState.Fault, "i2c_error", $"I2C write to 0x{_i2cDevice.ConnectionSettings.DeviceAddress:X2} failed: {ex.Message}");
        }
    }

    private static void SleepAtLeast(TimeSpan duration) => Thread.Sleep(TimeSpan.FromMilliseconds(Math.Ceiling(duration.TotalMilliseconds)));
}
