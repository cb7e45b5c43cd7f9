namespace KioskAgent.Hardware.Card.Ultralight;

/// <summary>The Type 2 Tag capability container in page 3 (NFC Forum T2T 1.1 §6.1, NDEF detection).</summary>
/// <param name="Magic">E1 for an NDEF-formatted tag.</param>
/// <param name="Version">Mapping version, major in the high nibble (10 = 1.0).</param>
/// <param name="DataAreaSize">Data area size in bytes (CC byte 2 × 8).</param>
/// <param name="Access">High nibble read access (0 = free), low nibble write access (0 = free, F = none).</param>
public sealed record CapabilityContainer(byte Magic, byte Version, int DataAreaSize, byte Access)
{
    public const byte NdefMagic = 0xE1;

    public static CapabilityContainer FromPage(ReadOnlySpan<byte> page) => new(page[0], page[1], page[2] * 8, page[3]);

    /// <summary>NDEF-formatted with a mapping version we understand (major 1).</summary>
    public bool IsNdefFormatted => Magic == NdefMagic && Version >> 4 == 1;

    public bool IsReadable => Access >> 4 == 0;
}
