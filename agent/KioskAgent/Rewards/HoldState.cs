namespace KioskAgent.Rewards;

/// <summary>Where a redemption's hold on the member's points stands, as central's answer decides it.</summary>
public enum HoldState
{
    /// <summary>Central has not answered yet: the points are held at this kiosk.</summary>
    Held = 0,

    /// <summary>Central accepted: the points stay spent (held until the member cache shows the deduction).</summary>
    Confirmed = 1,

    /// <summary>Central rejected: the points are the member's again.</summary>
    Released = 2,
}
