using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using Microsoft.Extensions.Options;

namespace KioskAgent.Identity;

/// <summary>
/// Applies the site's identity policy to a presented card, while it is still in the field. The one
/// place that decides what identifies a card; members are then looked up from the result.
/// A <see cref="CardCommunicationException"/> (card pulled mid-read) is left to the caller.
/// </summary>
public sealed class CardIdentityResolver
{
    private readonly CardIdentityOptions _options;
    private readonly SunVerifier? _sun;
    private readonly MemberNumberReader? _sector;

    public CardIdentityResolver(IOptions<CardIdentityOptions> options, ISunCounterStore sunCounters)
    {
        _options = options.Value;
        if (_options.Mode == CardIdentityMode.Secure)
        {
            _sun = new SunVerifier(SunKeysFrom(_options.Sun), sunCounters, new SunOptions
            {
                PiccDataParameter = _options.Sun.PiccDataParameter,
                MacParameter = _options.Sun.MacParameter,
                MacInputStartParameter = _options.Sun.MacInputStartParameter,
            });
        }

        if (_options.Mode == CardIdentityMode.Sector)
        {
            _sector = new MemberNumberReader(_options.Sector);
        }
    }

    public CardIdentityMode Mode => _options.Mode;

    public CardIdentityResult Resolve(CardPresented card) => _options.Mode switch
    {
        CardIdentityMode.UidOnly => CardIdentityResult.Ok(new CardIdentity(CardIdentityMode.UidOnly, card.Uid, null)),
        CardIdentityMode.Secure => ResolveSecure(card),
        CardIdentityMode.Sector => ResolveSector(card),
        _ => CardIdentityResult.Refused("identity_mode_unavailable", $"Card identity mode {_options.Mode} is not available."),
    };

    private CardIdentityResult ResolveSecure(CardPresented card)
    {
        if (card.Transceiver is null)
        {
            return CardIdentityResult.Refused("identity_not_a_smart_card", "the reader cannot talk to the card");
        }

        var url = new Ntag424Card(card.Transceiver).ReadNdefUrl();
        if (!url.IsSuccess)
        {
            return CardIdentityResult.From(url);
        }

        return _sun!.Verify(url.Value) switch
        {
            SunVerified verified when card.Uid.Hex.Length == 14 && verified.Uid != card.Uid =>
                CardIdentityResult.Refused("sun_uid_mismatch", "the signed UID is not the UID in the field"),
            SunVerified verified => CardIdentityResult.Ok(new CardIdentity(CardIdentityMode.Secure, verified.Uid, null)),
            SunRefused refused => CardIdentityResult.Refused(refused.Reason, "secure unique NFC message refused"),
            _ => CardIdentityResult.Refused("sun_unknown", "unexpected verification result"),
        };
    }

    private CardIdentityResult ResolveSector(CardPresented card)
    {
        if (card.Transceiver is null)
        {
            return CardIdentityResult.Refused("identity_not_a_smart_card", "the reader cannot talk to the card");
        }

        var number = _sector!.Read(card.Transceiver);
        return number.IsSuccess
            ? CardIdentityResult.Ok(new CardIdentity(CardIdentityMode.Sector, card.Uid, number.Value.Value))
            : CardIdentityResult.From(number);
    }

    private static SunKeys SunKeysFrom(SunIdentityOptions sun)
    {
        var meta = Convert.FromHexString(sun.MetaReadKey);
        var file = Convert.FromHexString(sun.FileReadKey);
        return sun.SystemIdentifier.Length == 0
            ? SunKeys.Shared(meta, file)
            : SunKeys.Diversified(meta, file, Convert.FromHexString(sun.SystemIdentifier));
    }
}
