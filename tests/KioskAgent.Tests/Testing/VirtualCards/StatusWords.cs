namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>Status words virtual cards answer with (ISO/IEC 7816-4 §5.6, PC/SC Part 3 §3.2.2).</summary>
internal static class StatusWords
{
    public const ushort Ok = 0x9000;
    public const ushort EndOfFileBeforeLe = 0x6282;
    public const ushort NoInformation = 0x6300;
    public const ushort WrongLength = 0x6700;
    public const ushort SecurityNotSatisfied = 0x6982;
    public const ushort CommandNotAllowed = 0x6986;
    public const ushort KeyTypeUnknown = 0x6986;
    public const ushort KeyNumberInvalid = 0x6988;
    public const ushort KeyLengthWrong = 0x6989;
    public const ushort FunctionNotSupported = 0x6A81;
    public const ushort NotFound = 0x6A82;
    public const ushort WrongP1P2 = 0x6B00;
    public const ushort InsNotSupported = 0x6D00;
    public const ushort ClaNotSupported = 0x6E00;

    public static byte[] Only(ushort statusWord) => [(byte)(statusWord >> 8), (byte)statusWord];

    public static byte[] With(ReadOnlySpan<byte> data, ushort statusWord) => [.. data, (byte)(statusWord >> 8), (byte)statusWord];

    /// <summary>6C XX: wrong Le, XX = the exact length available (ISO/IEC 7816-4 §5.6).</summary>
    public static byte[] WrongLe(int exact) => [0x6C, (byte)exact];

    /// <summary>
    /// PC/SC Part 3 GET DATA (FF CA): P1 00 = UID. Le 00 returns it all; a shorter Le
    /// gets 6C XX; a longer one the UID with 62 82.
    /// </summary>
    public static byte[] AnswerGetUid(CommandApdu command, byte[] uid)
    {
        if (command.P1 != 0x00 || command.P2 != 0x00)
        {
            return Only(FunctionNotSupported);
        }

        return command.Le switch
        {
            null or 0 => With(uid, Ok),
            var le when le < uid.Length => WrongLe(uid.Length),
            var le when le > uid.Length => With(uid, EndOfFileBeforeLe),
            _ => With(uid, Ok),
        };
    }
}
