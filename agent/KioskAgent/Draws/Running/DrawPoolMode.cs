namespace KioskAgent.Draws.Running;

/// <summary>How a draw's pool is formed.</summary>
public enum DrawPoolMode
{
    /// <summary>The activity's accepted check-ins (<see cref="Pools.IDrawPoolSource"/>).</summary>
    CheckIns,

    /// <summary>Members tap a card to join while joining is open.</summary>
    TapToJoin,

    /// <summary>
    /// Groups given when the draw is created (the 选房 group numbers, 抽选组号); a member belongs to a
    /// group when tagged with its id. Appended last: stored set-ups name modes by text.
    /// </summary>
    Groups,
}
