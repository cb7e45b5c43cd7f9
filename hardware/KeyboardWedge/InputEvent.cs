using System.Buffers.Binary;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// One Linux <c>struct input_event</c> (linux/input.h): a timestamp (<c>struct timeval</c> as two
/// <c>long</c>s), then <c>__u16 type</c>, <c>__u16 code</c>, <c>__s32 value</c>. With 64-bit
/// <c>long</c> (x64, arm64) that is 8 + 8 + 2 + 2 + 4 = 24 bytes; with 32-bit <c>long</c> (armhf,
/// a 32-bit process) 4 + 4 + 2 + 2 + 4 = 16 bytes. Since Linux 4.16 the 32-bit layout keeps
/// <c>__kernel_ulong_t</c> seconds even when user space uses a 64-bit time_t, so the size follows
/// the process's word size: <see cref="NativeSize"/>. Byte order is the host's (little-endian on every target).
/// </summary>
public readonly record struct InputEvent(TimeSpan Time, ushort Type, ushort Code, int Value)
{
    /// <summary>EV_SYN, EV_KEY, EV_MSC (linux/input-event-codes.h).</summary>
    public const ushort EvSyn = 0x00;
    public const ushort EvKey = 0x01;
    public const ushort EvMsc = 0x04;

    /// <summary>EV_KEY values: release, press, autorepeat.</summary>
    public const int KeyReleased = 0;
    public const int KeyPressed = 1;
    public const int KeyRepeated = 2;

    /// <summary>The size of <c>struct input_event</c> for this process: 24 bytes on 64-bit, 16 on 32-bit.</summary>
    public static int NativeSize { get; } = SizeFor(IntPtr.Size);

    public static int SizeFor(int longSize) => (2 * longSize) + 8;

    public bool IsKeyPress => Type == EvKey && Value == KeyPressed;

    /// <summary>Decodes one event; the record's length (24 or 16) selects the layout.</summary>
    public static InputEvent Decode(ReadOnlySpan<byte> record)
    {
        var longSize = record.Length switch
        {
            24 => 8,
            16 => 4,
            _ => throw new ArgumentException($"struct input_event has 24 or 16 bytes, got {record.Length}.", nameof(record)),
        };
        var seconds = longSize == 8 ? BinaryPrimitives.ReadInt64LittleEndian(record) : BinaryPrimitives.ReadInt32LittleEndian(record);
        var microseconds = longSize == 8 ? BinaryPrimitives.ReadInt64LittleEndian(record[8..]) : BinaryPrimitives.ReadInt32LittleEndian(record[4..]);
        var rest = record[(2 * longSize)..];
        return new InputEvent(
            TimeSpan.FromSeconds(seconds) + TimeSpan.FromMicroseconds(microseconds),
            BinaryPrimitives.ReadUInt16LittleEndian(rest),
            BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]),
            BinaryPrimitives.ReadInt32LittleEndian(rest[4..]));
    }
}
