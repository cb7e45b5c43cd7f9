using KioskAgent.Hardware.Card.Crypto;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>
/// The two SDM keys of a site. K_SDMMetaRead is one key for the site (the UID is encrypted under it,
/// so it cannot depend on the UID). K_SDMFileRead is either one key for the site or, preferably,
/// diversified per card from a site master key (AN10922 with M = UID || system identifier).
/// Keys never appear in <see cref="ToString"/>.
/// </summary>
public sealed class SunKeys
{
    private readonly byte[] _metaReadKey;
    private readonly byte[] _fileReadKey;
    private readonly byte[]? _systemIdentifier;

    private SunKeys(ReadOnlySpan<byte> metaReadKey, ReadOnlySpan<byte> fileReadKey, byte[]? systemIdentifier)
    {
        _metaReadKey = CheckKey(metaReadKey, nameof(metaReadKey));
        _fileReadKey = CheckKey(fileReadKey, nameof(fileReadKey));
        _systemIdentifier = systemIdentifier;
    }

    /// <summary>Longest system identifier: UID (7) + identifier fits AN10922's 31-byte input.</summary>
    public static int MaxSystemIdentifierLength => KeyDiversification.MaxInputLength - PiccData.UidLength;

    public bool IsDiversified => _systemIdentifier is not null;

    internal ReadOnlySpan<byte> MetaReadKey => _metaReadKey;

    /// <summary>The same K_SDMFileRead on every card.</summary>
    public static SunKeys Shared(ReadOnlySpan<byte> sdmMetaReadKey, ReadOnlySpan<byte> sdmFileReadKey) =>
        new(sdmMetaReadKey, sdmFileReadKey, null);

    /// <summary>K_SDMFileRead = AN10922(<paramref name="fileReadMasterKey"/>, UID || <paramref name="systemIdentifier"/>).</summary>
    public static SunKeys Diversified(ReadOnlySpan<byte> sdmMetaReadKey, ReadOnlySpan<byte> fileReadMasterKey, ReadOnlySpan<byte> systemIdentifier)
    {
        if (systemIdentifier.Length > MaxSystemIdentifierLength)
        {
            throw new ArgumentException($"The system identifier has at most {MaxSystemIdentifierLength} bytes.", nameof(systemIdentifier));
        }

        return new SunKeys(sdmMetaReadKey, fileReadMasterKey, systemIdentifier.ToArray());
    }

    /// <summary>The K_SDMFileRead of the card with <paramref name="uid"/>.</summary>
    public byte[] FileReadKeyFor(ReadOnlySpan<byte> uid) =>
        _systemIdentifier is null
            ? _fileReadKey.ToArray()
            : KeyDiversification.DiversifyAes128(_fileReadKey, uid, [], _systemIdentifier);

    public override string ToString() => IsDiversified ? "SunKeys(diversified file-read key)" : "SunKeys(shared file-read key)";

    private static byte[] CheckKey(ReadOnlySpan<byte> key, string name) =>
        key.Length == AesCmac.KeySize
            ? key.ToArray()
            : throw new ArgumentException($"An SDM key is AES-128, {AesCmac.KeySize} bytes.", name);
}
