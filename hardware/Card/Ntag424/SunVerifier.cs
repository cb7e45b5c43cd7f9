using System.Security.Cryptography;
using KioskAgent.Hardware.Card.Crypto;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>
/// Verifies an NTAG 424 DNA Secure Unique NFC message (AN12196 §3.4): parse the URL, decrypt
/// PICCData with K_SDMMetaRead, derive the session MAC key from K_SDMFileRead, UID and counter,
/// compare the MAC in constant time, then require the counter to move forward for that UID.
/// Pure apart from the counter store; no clock, no I/O, no randomness.
/// </summary>
public sealed class SunVerifier
{
    private readonly SunKeys _keys;
    private readonly ISunCounterStore _counters;
    private readonly SunOptions _options;

    public SunVerifier(SunKeys keys, ISunCounterStore counters, SunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(counters);
        _options = options ?? new SunOptions();
        _options.Validate();
        _keys = keys;
        _counters = counters;
    }

    /// <summary>Checks the SUN in <paramref name="url"/>; never throws on card or URL content.</summary>
    public SunVerification Verify(string? url)
    {
        var message = SunUrlParser.Parse(url, _options);
        if (!message.IsSuccess)
        {
            return new SunRefused(message.Reason);
        }

        return Verify(message.Value);
    }

    /// <summary>Checks already-parsed SUN fields.</summary>
    public SunVerification Verify(SunMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!PiccData.TryDecrypt(_keys.MetaReadKey, message.EncryptedPiccData, out var picc))
        {
            return new SunRefused(SunRefusalReasons.BadPiccTag);
        }

        if (!MacMatches(picc!, message))
        {
            return new SunRefused(SunRefusalReasons.BadCmac);
        }

        // Only an authentic message may move the counter; a forged one must not burn counters.
        var uid = CardUid.FromBytes(picc!.Uid);
        return _counters.TryAdvance(uid, picc.ReadCounter)
            ? new SunVerified(uid, picc.ReadCounter)
            : new SunRefused(SunRefusalReasons.Replayed);
    }

    private bool MacMatches(PiccData picc, SunMessage message)
    {
        var fileReadKey = _keys.FileReadKeyFor(picc.Uid);
        var expected = SunMac.Compute(fileReadKey, picc.Uid, picc.ReadCounter, message.MacInput);
        CryptographicOperations.ZeroMemory(fileReadKey);
        return AesCmac.TagsEqual(message.Mac, expected);
    }
}
