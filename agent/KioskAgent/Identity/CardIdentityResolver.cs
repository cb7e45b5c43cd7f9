using KioskAgent.Hardware.CardReaders;
using Microsoft.Extensions.Options;

namespace KioskAgent.Identity;

/// <summary>
/// Applies the site's identity policy to a presented card, while it is still in the field. The one
/// place that decides what identifies a card; members are then looked up from the result.
/// </summary>
public sealed class CardIdentityResolver(IOptions<CardIdentityOptions> options)
{
    public CardIdentityMode Mode => options.Value.Mode;

    public CardIdentityResult Resolve(CardPresented card) => options.Value.Mode switch
    {
        CardIdentityMode.UidOnly => CardIdentityResult.Ok(new CardIdentity(CardIdentityMode.UidOnly, card.Uid, null)),
        _ => CardIdentityResult.Refused("identity_mode_unavailable", $"Card identity mode {options.Value.Mode} is not available."),
    };
}
