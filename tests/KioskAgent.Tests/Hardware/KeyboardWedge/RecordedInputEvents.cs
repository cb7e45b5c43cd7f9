using System.Buffers.Binary;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

/// <summary>
/// Builds the bytes a Linux event node would deliver (struct input_event, 24 or 16 bytes each),
/// the way a USB keyboard wedge types: EV_MSC scan code, EV_KEY, EV_SYN for every press and
/// release, a few milliseconds apart.
/// </summary>
internal sealed class RecordedInputEvents(int eventSize = 24)
{
    public const ushort KeyEnter = 28;
    public const ushort KeyKeypadEnter = 96;
    public const ushort KeyLeftShift = 42;

    private static readonly TimeSpan KeyInterval = TimeSpan.FromMilliseconds(4);
    private readonly MemoryStream _bytes = new();
    private TimeSpan _time = TimeSpan.FromSeconds(5000);

    /// <summary>KEY_1..KEY_9 = 2..10, KEY_0 = 11.</summary>
    public static ushort DigitKey(char digit) => digit == '0' ? (ushort)11 : (ushort)(2 + digit - '1');

    /// <summary>KEY_KP0 = 82, KEY_KP1..3 = 79..81, KEY_KP4..6 = 75..77, KEY_KP7..9 = 71..73.</summary>
    public static ushort KeypadKey(char digit) => digit switch
    {
        '0' => 82,
        >= '1' and <= '3' => (ushort)(79 + digit - '1'),
        >= '4' and <= '6' => (ushort)(75 + digit - '4'),
        _ => (ushort)(71 + digit - '7'),
    };

    /// <summary>Letter rows: KEY_Q = 16.., KEY_A = 30.., KEY_Z = 44...</summary>
    public static ushort LetterKey(char letter)
    {
        var c = char.ToLowerInvariant(letter);
        foreach (var (first, row) in new (int First, string Row)[] { (16, "qwertyuiop"), (30, "asdfghjkl"), (44, "zxcvbnm") })
        {
            var index = row.IndexOf(c, StringComparison.Ordinal);
            if (index >= 0)
            {
                return (ushort)(first + index);
            }
        }

        throw new ArgumentException($"'{letter}' is not a letter.", nameof(letter));
    }

    public RecordedInputEvents Event(ushort type, ushort code, int value)
    {
        Span<byte> record = stackalloc byte[eventSize];
        var seconds = (long)_time.TotalSeconds;
        var microseconds = (long)(_time - TimeSpan.FromSeconds(seconds)).TotalMicroseconds;
        var longSize = (eventSize - 8) / 2;
        if (longSize == 8)
        {
            BinaryPrimitives.WriteInt64LittleEndian(record, seconds);
            BinaryPrimitives.WriteInt64LittleEndian(record[8..], microseconds);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(record, (int)seconds);
            BinaryPrimitives.WriteInt32LittleEndian(record[4..], (int)microseconds);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(record[(2 * longSize)..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(record[((2 * longSize) + 2)..], code);
        BinaryPrimitives.WriteInt32LittleEndian(record[((2 * longSize) + 4)..], value);
        _bytes.Write(record);
        return this;
    }

    /// <summary>EV_MSC MSC_SCAN, EV_KEY, EV_SYN SYN_REPORT: what the kernel sends for one key transition.</summary>
    public RecordedInputEvents Key(ushort code, int value)
    {
        Event(4, 4, 0x70000 + code);
        Event(1, code, value);
        Event(0, 0, 0);
        _time += KeyInterval;
        return this;
    }

    public RecordedInputEvents Tap(ushort code) => Key(code, 1).Key(code, 0);

    public RecordedInputEvents Shifted(ushort code) => Key(KeyLeftShift, 1).Tap(code).Key(KeyLeftShift, 0);

    /// <summary>Types digits on the main row, letters (upper case with Shift), '-', ':' (Shift+;) and '\n' as Enter.</summary>
    public RecordedInputEvents Type(string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => Tap(KeyEnter),
                >= '0' and <= '9' => Tap(DigitKey(c)),
                >= 'A' and <= 'Z' => Shifted(LetterKey(c)),
                '-' => Tap(12),
                ':' => Shifted(39),
                _ => Tap(LetterKey(c)),
            };
        }

        return this;
    }

    public RecordedInputEvents Pause(TimeSpan pause)
    {
        _time += pause;
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();
}
