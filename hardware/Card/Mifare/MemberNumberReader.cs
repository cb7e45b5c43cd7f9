using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>
/// Reads the member number from a MIFARE Classic card: authenticated read of the configured block,
/// then the <see cref="MemberNumberBlock"/> checks. Reasons: "sector_auth_failed",
/// "sector_read_failed", "sector_format_invalid" (and "key_load_failed" for a reader problem).
/// </summary>
public sealed class MemberNumberReader
{
    private readonly MemberNumberOptions _options;
    private readonly int _block;
    private readonly MifareKey _key;

    public MemberNumberReader(MemberNumberOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _block = options.AbsoluteBlock();
        _key = MifareKey.Parse(options.Key, options.KeyType);
    }

    /// <summary>Reads the card behind <paramref name="transceiver"/>; card removal propagates as <see cref="CardCommunicationException"/>.</summary>
    public CardReadResult<MemberNumber> Read(ICardTransceiver transceiver)
    {
        var card = new MifareClassicCard(transceiver, _options.KeySlot);
        var block = card.ReadBlock(_block, _key);
        return block.IsSuccess ? MemberNumberBlock.Decode(block.Value) : block.AsFailure<MemberNumber>();
    }
}
