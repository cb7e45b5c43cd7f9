namespace KioskAgent.Vouchers;

/// <summary>What came of asking central about a voucher.</summary>
public enum CentralCheck
{
    /// <summary>Not asked (this kiosk's own records decided).</summary>
    NotAsked = 0,

    Answered = 1,

    /// <summary>The kiosk is not connected to central.</summary>
    Offline = 2,

    /// <summary>Asked, but no valid answer came in time.</summary>
    NoAnswer = 3,
}
