namespace KioskAgent.Hardware.Card;

/// <summary>A response APDU split into data and the status word SW1 SW2 (ISO/IEC 7816-4 §5.1.3).</summary>
internal readonly struct ApduResponse
{
    /// <summary>ISO/IEC 7816-4 §5.1.3: normal processing.</summary>
    public const ushort Success = 0x9000;

    private readonly byte[] _raw;

    private ApduResponse(byte[] raw) => _raw = raw;

    /// <summary>False when the answer is too short to hold a status word.</summary>
    public bool IsWellFormed => _raw.Length >= 2;

    public ushort StatusWord => IsWellFormed ? (ushort)((_raw[^2] << 8) | _raw[^1]) : (ushort)0;

    public bool IsSuccess => IsWellFormed && StatusWord == Success;

    public ReadOnlySpan<byte> Data => IsWellFormed ? _raw.AsSpan(0, _raw.Length - 2) : [];

    public static ApduResponse From(byte[] raw) => new(raw);

    /// <summary>For failure details: "SW 6A82" or "answer of 1 byte(s)".</summary>
    public string Describe() => IsWellFormed ? $"SW {StatusWord:X4}" : $"answer of {_raw.Length} byte(s)";
}
