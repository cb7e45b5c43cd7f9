namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>A short command APDU split into header, data and Le (ISO/IEC 7816-4 §5.1, cases 1-4).</summary>
internal readonly record struct CommandApdu(byte Cla, byte Ins, byte P1, byte P2, byte[] Data, int? Le)
{
    /// <summary>Ne: the bytes the command asks for, where Le 00 means 256 (ISO/IEC 7816-4 §5.1).</summary>
    public int Ne => Le is 0 ? 256 : Le ?? 0;

    /// <summary>False for extended or inconsistent lengths; a card answers those with 67 00.</summary>
    public static bool TryParse(byte[] raw, out CommandApdu command)
    {
        command = default;
        if (raw.Length < 4)
        {
            return false;
        }

        if (raw.Length <= 5)
        {
            int? le = raw.Length == 5 ? raw[4] : null;
            command = new CommandApdu(raw[0], raw[1], raw[2], raw[3], [], le);
            return true;
        }

        var lc = raw[4];
        var withLe = raw.Length == 6 + lc;
        if (lc == 0 || (raw.Length != 5 + lc && !withLe))
        {
            return false;
        }

        command = new CommandApdu(raw[0], raw[1], raw[2], raw[3], raw[5..(5 + lc)], withLe ? raw[^1] : null);
        return true;
    }
}
