namespace KioskAgent.Hardware.Card.Ndef;

/// <summary>One NDEF record (NFC Forum NDEF 1.0 §3.2): type name format, type, id and payload.</summary>
public sealed record NdefRecord(byte TypeNameFormat, byte[] Type, byte[] Id, byte[] Payload)
{
    /// <summary>NDEF §3.2.6: TNF 0x01, an NFC Forum well-known type such as "U" (URI) or "T" (text).</summary>
    public const byte WellKnownType = 0x01;

    public bool IsWellKnown(ReadOnlySpan<byte> type) =>
        TypeNameFormat == WellKnownType && type.SequenceEqual(Type);
}
