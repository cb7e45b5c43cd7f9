namespace KioskAgent.Hardware.Card;

/// <summary>Why a card read failed, as the code that saw it knows: decides whether the member is asked to tap again.</summary>
public enum CardFailureKind
{
    /// <summary>The card answered, but not as the policy needs (wrong key, foreign card, bad signature): another tap gives the same answer.</summary>
    NotVerified = 1,

    /// <summary>The exchange itself failed (card moved, short or garbled answer): another tap usually works.</summary>
    Unreadable = 2,
}
