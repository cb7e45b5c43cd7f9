using KioskAgent.Taps;

namespace KioskAgent.Draws.Running;

/// <summary>Who tapped to join a draw.</summary>
public interface IDrawJoinIdentity
{
    /// <summary>The member of an accepted card; null with the refusal code (e.g. "not_a_member", "card_refused") otherwise.</summary>
    DrawJoinMember? Resolve(Tap tap, out string refusal);
}
